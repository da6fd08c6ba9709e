/// A list of rows with one optionally selected, drawn with the selection role across the full width.
/// The rows are already the visible window (the model scrolls); each row draws itself.
public struct ListView<Row> {
    /// The visible rows, top first.
    public var rows: [Row]
    /// Index into `rows` of the selected row.
    public var selected: Int?
    /// Whether the list's pane has focus (the selection is only highlighted then).
    public var focused: Bool

    /// A list of `rows` with `selected` highlighted when `focused`.
    public init(rows: [Row], selected: Int?, focused: Bool) {
        self.rows = rows
        self.selected = selected
        self.focused = focused
    }

    /// Draws the rows from the top of `rect`; `drawRow` gets the row, the one-row rectangle, and
    /// whether the row is highlighted (it should then draw with `.selection`).
    public func draw(on canvas: Canvas, in rect: Rect, drawRow: (Row, Rect, Bool) -> Void) {
        for (index, row) in rows.prefix(rect.height).enumerated() {
            let line = Rect(row: rect.row + index, column: rect.column, height: 1, width: rect.width)
            let highlighted = focused && index == selected
            if highlighted { canvas.clear(line, role: .selection) }
            drawRow(row, line, highlighted)
        }
    }
}
