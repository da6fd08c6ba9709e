/// The detail view of one row: a title and the visible lines of its text (pretty JSON).
public struct DetailSnapshot: Sendable, Hashable {
    /// What the detail is of, e.g. "notification 12 orders.created".
    public let title: String
    /// The visible lines, at most `DashboardLayout.detailRows`.
    public let lines: [String]
    /// Index of the first visible line.
    public let scrollOffset: Int
    /// All lines of the detail (all methods of the latency view).
    public let lineCount: Int
    /// The visible rows of the latency view (`L`), slowest p99 first; `nil` for other details.
    public let latency: [MethodLatency]?
}
