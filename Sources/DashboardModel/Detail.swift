/// An open detail view: its text split into lines, and how far it is scrolled; or the live
/// latency table, whose rows come from the requests at each snapshot.
struct Detail: Sendable, Hashable {
    var title: String
    let lines: [String]
    var offset = 0
    /// The message shown, which the toolkit's keys act on (copy, mark, diff, send again).
    var message: SelectedMessage?
    /// Whether this is the latency view (`lines` is then empty).
    private(set) var showsLatency = false

    init(title: String, text: String) {
        self.title = title
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The latency view.
    static let latency: Detail = {
        var detail = Detail(title: "latency by method", text: "")
        detail.showsLatency = true
        return detail
    }()

    /// Scrolls within `lineCount` lines (those of the text unless given).
    mutating func scroll(by delta: Int, rows: Int, lineCount: Int? = nil) {
        offset = min(max(offset + delta, 0), max(0, (lineCount ?? lines.count) - rows))
    }

    func snapshot(rows: Int) -> DetailSnapshot {
        let start = min(offset, max(0, lines.count - rows))
        return DetailSnapshot(
            title: title, lines: Array(lines[start..<min(lines.count, start + rows)]), scrollOffset: start, lineCount: lines.count,
            latency: nil)
    }

    /// The latency view's snapshot: the visible rows of `latencies`.
    func latencySnapshot(rows: Int, latencies: [MethodLatency]) -> DetailSnapshot {
        let start = min(offset, max(0, latencies.count - rows))
        return DetailSnapshot(
            title: title, lines: [], scrollOffset: start, lineCount: latencies.count,
            latency: Array(latencies[start..<min(latencies.count, start + rows)]))
    }
}
