import Foundation

/// The rows of a pane as NDJSON (one JSON object a line), and the file they go to.
public struct PaneExport: Sendable, Hashable {
    /// The pane exported.
    public let pane: Pane
    /// The file to create: `DashboardConfiguration.exportDirectory` joined with
    /// `mushroom-PANE-YYYYMMDDTHHMMSSZ.ndjson` (UTC).
    public let path: String
    /// Every line, each ending with a newline.
    public let text: String
    /// The rows written.
    public let rowCount: Int

    /// An export of `rowCount` rows of `pane` as `text`, to `path`.
    public init(pane: Pane, path: String, text: String, rowCount: Int) {
        self.pane = pane
        self.path = path
        self.text = text
        self.rowCount = rowCount
    }

    /// The file name for `pane` exported at `time`.
    static func fileName(for pane: Pane, at time: Date) -> String {
        let stamp = Date.ISO8601FormatStyle(dateSeparator: .omitted, dateTimeSeparator: .standard, timeSeparator: .omitted)
            .format(time)
        return "mushroom-\(pane.rawValue)-\(stamp).ndjson"
    }

    /// The status line once it was written to `path`.
    public func writtenSentence(to path: String) -> String {
        "exported \(rowCount) \(rowCount == 1 ? "row" : "rows") of the \(pane.rawValue) pane to \(path)"
    }
}
