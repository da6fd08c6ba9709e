/// An open detail view: its text split into lines, and how far it is scrolled.
struct Detail: Sendable, Hashable {
    let title: String
    let lines: [String]
    var offset = 0

    init(title: String, text: String) {
        self.title = title
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    mutating func scroll(by delta: Int, rows: Int) {
        offset = min(max(offset + delta, 0), max(0, lines.count - rows))
    }

    func snapshot(rows: Int) -> DetailSnapshot {
        let start = min(offset, max(0, lines.count - rows))
        return DetailSnapshot(
            title: title, lines: Array(lines[start..<min(lines.count, start + rows)]), scrollOffset: start, lineCount: lines.count)
    }
}
