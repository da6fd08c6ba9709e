/// Draws the command palette: the query on its first row, then the best matches, the selected
/// one highlighted.
public enum PaletteOverlay {
    /// Draws `palette` at the top of `area`; returns where the cursor goes.
    @discardableResult
    public static func draw(_ palette: CommandPalette, canvas: Canvas, in area: Rect) -> Position? {
        let width = min(area.width, 72)
        let shown = min(palette.matches.count, max(0, area.height - 3), 12)
        let height = min(area.height, shown + 3)
        guard width >= 10, height >= 3 else { return nil }
        let rect = Rect(row: area.row, column: area.column + (area.width - width) / 2, height: height, width: width)
        canvas.clear(rect, role: .help)
        let inner = Box(title: "commands", status: "\(palette.matches.count) of \(palette.items.count)", focused: true).draw(on: canvas, in: rect)
        let prompt = canvas.text(": ", in: inner, row: 0, role: .key)
        let cursor = TextInput(text: palette.query, cursor: palette.query.count)
            .draw(on: canvas, in: inner, row: 0, offset: prompt, width: inner.width - prompt, role: .formField)
        let first = max(0, palette.selected - shown + 1)
        for (row, index) in (first..<min(palette.matches.count, first + shown)).enumerated() {
            let item = palette.matches[index]
            let selected = index == palette.selected
            if selected { canvas.clear(Rect(row: inner.row + row + 1, column: inner.column, height: 1, width: inner.width), role: .selection) }
            canvas.truncated(item.label, in: inner, row: row + 1, offset: 1, width: 22, role: selected ? .selection : .key)
            canvas.truncated(item.detail, in: inner, row: row + 1, offset: 24, width: inner.width, role: selected ? .selection : .help)
        }
        if palette.matches.isEmpty, inner.height > 1 {
            canvas.truncated("nothing matches", in: inner, row: 1, offset: 1, width: inner.width, role: .label)
        }
        return cursor
    }
}
