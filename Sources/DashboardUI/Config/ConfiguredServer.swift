import MushroomRPC

/// A server of the config file (`[servers.NAME]`): where it is and how to connect; the
/// command line's options override each of these.
public struct ConfiguredServer: Sendable, Hashable {
    /// The NAME of `[servers.NAME]` (`mushroom dash NAME`).
    public let name: String
    /// The bootstrap URL (http or https).
    public let url: String
    /// "ws" or "poll", when given.
    public let transport: String?
    /// The bootstrap auth value.
    public let auth: JSONValue?
    /// The theme's name or path.
    public let theme: String?
    /// The server's admin token (shows the sessions pane).
    public let adminToken: String?
}
