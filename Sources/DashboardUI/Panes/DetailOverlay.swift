import DashboardModel

/// The detail view of the selected row: pretty JSON, scrollable, over the panes.
public enum DetailOverlay {
    /// Draws the detail over whatever `rect` holds.
    public static func draw(_ detail: DetailSnapshot, canvas: Canvas, in rect: Rect) {
        canvas.clear(rect, role: .help)
        let last = min(detail.lineCount, detail.scrollOffset + detail.lines.count)
        let status = "\(detail.scrollOffset + 1)-\(last) of \(detail.lineCount)\(canvas.glyphs.separator)esc closes"
        let inner = Box(title: detail.title, status: status, focused: true).draw(on: canvas, in: rect)
        for (row, line) in detail.lines.enumerated() {
            canvas.truncated(line, in: inner, row: row, offset: 1, width: inner.width - 1, role: .payload)
        }
    }
}
