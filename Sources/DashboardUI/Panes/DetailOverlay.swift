import DashboardModel

/// The detail view of the selected row: pretty JSON, scrollable, over the panes; or the latency
/// view's table.
public enum DetailOverlay {
    /// Draws the detail over whatever `rect` holds.
    public static func draw(_ detail: DetailSnapshot, canvas: Canvas, in rect: Rect) {
        canvas.clear(rect, role: .help)
        let shown = detail.latency?.count ?? detail.lines.count
        let last = min(detail.lineCount, detail.scrollOffset + shown)
        let what = detail.latency == nil ? "" : " methods"
        let status = "\(min(detail.scrollOffset + 1, last))-\(last) of \(detail.lineCount)\(what)\(canvas.glyphs.separator)esc closes"
        let inner = Box(title: detail.title, status: status, focused: true).draw(on: canvas, in: rect)
        if let latency = detail.latency {
            LatencyTable.draw(latency, canvas: canvas, in: inner)
            return
        }
        for (row, line) in detail.lines.enumerated() {
            canvas.truncated(line, in: inner, row: row, offset: 1, width: inner.width - 1, role: .payload)
        }
    }
}
