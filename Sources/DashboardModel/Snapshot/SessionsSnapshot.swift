/// The server's sessions, as the sessions pane shows them.
public struct SessionsSnapshot: Sendable, Hashable {
    /// The visible sessions, sorted by `order`.
    public let rows: [ServerSession]
    /// Index into `rows` of the selected row, when it is visible.
    public let selectedRow: Int?
    /// Sessions in the last listing.
    public let total: Int
    /// What the rows are sorted by.
    public let order: SessionOrder
    /// The id of the session waiting for the operator to confirm its end.
    public let confirming: String?
    /// What became of the last listing or ending, when it failed or ended a session.
    public let notice: String?
    /// Whether a listing has been answered yet.
    public let listed: Bool
}
