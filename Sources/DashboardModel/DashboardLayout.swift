/// How many rows each list can show; the model scrolls, pages and builds snapshots to fit.
/// The UI sends `.layout(_:)` when the screen size changes.
public struct DashboardLayout: Sendable, Hashable {
    /// Rows of the notification stream.
    public var streamRows: Int
    /// Rows of the requests list.
    public var requestRows: Int
    /// Rows of the error list.
    public var errorRows: Int
    /// Rows of the detail view.
    public var detailRows: Int
    /// Rows of the per-method activity table (busiest methods first).
    public var methodRows: Int

    /// Row counts per list; negative counts are taken as zero.
    public init(streamRows: Int = 20, requestRows: Int = 10, errorRows: Int = 8, detailRows: Int = 20, methodRows: Int = 8) {
        self.streamRows = max(0, streamRows)
        self.requestRows = max(0, requestRows)
        self.errorRows = max(0, errorRows)
        self.detailRows = max(0, detailRows)
        self.methodRows = max(0, methodRows)
    }
}
