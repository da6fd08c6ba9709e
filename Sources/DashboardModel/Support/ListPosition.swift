/// The selection and scroll position of a list whose rows are addressed by index.
struct ListPosition: Sendable, Hashable {
    /// The selected row, if any.
    var selected: Int?
    /// The first row shown.
    var offset = 0

    /// Moves the selection by `delta` rows within `count` rows (selecting the first row when none
    /// was selected) and scrolls so that it stays within a window of `rows` rows.
    mutating func moveSelection(by delta: Int, count: Int, rows: Int) {
        guard count > 0 else {
            selected = nil
            offset = 0
            return
        }
        let current = selected.map { min($0, count - 1) }
        selected = current.map { min(max($0 + delta, 0), count - 1) } ?? (delta < 0 ? count - 1 : 0)
        reveal(count: count, rows: rows)
    }

    /// Selects row `index` (clamped), keeping it visible.
    mutating func select(_ index: Int, count: Int, rows: Int) {
        selected = count > 0 ? min(max(index, 0), count - 1) : nil
        reveal(count: count, rows: rows)
    }

    /// Scrolls the window by `delta` rows without moving the selection.
    mutating func scroll(by delta: Int, count: Int, rows: Int) {
        offset = min(max(offset + delta, 0), max(0, count - rows))
    }

    /// The window of at most `rows` rows to show out of `count`, with the selection clamped into range.
    func window(count: Int, rows: Int) -> (range: Range<Int>, selected: Int?) {
        let start = min(offset, max(0, count - rows))
        return (start..<min(count, start + max(0, rows)), selected.flatMap { count > 0 ? min($0, count - 1) : nil })
    }

    private mutating func reveal(count: Int, rows: Int) {
        guard let selected else { return }
        if selected < offset { offset = selected }
        if selected >= offset + rows { offset = selected - rows + 1 }
        offset = min(max(offset, 0), max(0, count - rows))
    }
}
