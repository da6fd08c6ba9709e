/// The servers of a dashboard on several: each one's name and connection, the one the panes
/// show alone, and the one the form sends to.
public struct ServersSnapshot: Sendable, Hashable {
    /// The short names, in `DashboardConfiguration.servers` order (rows name a server by its index here).
    public let names: [String]
    /// Each server's connection, in the same order.
    public let connections: [ConnectionSnapshot]
    /// The index of the server whose rows the panes show alone; `nil` when they merge every server's.
    public let shown: Int?
    /// The index of the server the form sends to.
    public let formTarget: Int

    /// The name of server `index` (empty for an unknown index).
    public func name(of index: Int) -> String {
        names.indices.contains(index) ? names[index] : ""
    }

    /// What the panes show: "all servers", or the shown server's name.
    public var shownName: String {
        shown.map(name(of:)) ?? "all servers"
    }
}
