/// A pane part whose rows are a list addressed by index, with its selection in a `ListPosition`:
/// moving, selecting and scrolling are the position's, over `rowCount` rows.
protocol ListPaneModel: PaneModel {
    var position: ListPosition { get set }
    /// The rows of the whole list.
    var rowCount: Int { get }
}

extension ListPaneModel {
    mutating func moveSelection(by delta: Int, rows: Int) {
        position.moveSelection(by: delta, count: rowCount, rows: rows)
    }

    mutating func selectFirst(rows: Int) {
        position.select(0, count: rowCount, rows: rows)
    }

    mutating func selectLast(rows: Int) {
        position.select(rowCount - 1, count: rowCount, rows: rows)
    }

    mutating func selectVisibleRow(_ row: Int, rows: Int) {
        let range = position.window(count: rowCount, rows: rows).range
        guard range.indices.contains(row) else { return }
        position.select(range.lowerBound + row, count: rowCount, rows: rows)
    }

    mutating func scroll(by delta: Int, rows: Int) {
        position.scroll(by: delta, count: rowCount, rows: rows)
    }

    /// The indices of the `rows` visible rows, and the selected one's place among them when it is visible.
    func visibleWindow(rows: Int) -> (range: Range<Int>, selectedRow: Int?) {
        let (range, selected) = position.window(count: rowCount, rows: rows)
        return (range, selected.flatMap { range.contains($0) ? $0 - range.lowerBound : nil })
    }
}
