/// How many rows each list can show; the model scrolls, pages and builds snapshots to fit.
/// The UI sends `.layout(_:)` when the screen size changes.
public struct DashboardLayout: Sendable, Hashable {
    /// Rows of each pane's list; a pane not listed shows none.
    public var paneRows: [Pane: Int]
    /// Rows of the detail view.
    public var detailRows: Int
    /// Rows of the per-method tables (busiest notification methods, slowest request methods).
    public var methodRows: Int

    /// Row counts per pane; negative counts are taken as zero.
    public init(paneRows: [Pane: Int], detailRows: Int, methodRows: Int) {
        self.paneRows = paneRows.mapValues { max(0, $0) }
        self.detailRows = max(0, detailRows)
        self.methodRows = max(0, methodRows)
    }

    /// Row counts of the lists by name; negative counts are taken as zero.
    public init(streamRows: Int = 20, requestRows: Int = 10, errorRows: Int = 8, detailRows: Int = 20, methodRows: Int = 8) {
        self.init(paneRows: [.stream: streamRows, .requests: requestRows, .errors: errorRows], detailRows: detailRows, methodRows: methodRows)
    }

    /// The rows of `pane`'s list.
    public func rows(for pane: Pane) -> Int { paneRows[pane] ?? 0 }
}
