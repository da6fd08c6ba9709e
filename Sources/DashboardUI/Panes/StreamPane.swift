import DashboardModel

/// The notification stream: time, id, method and compact data of each visible notification.
public enum StreamPane: PaneView {
    public static let pane = Pane.stream
    public static let placement = Placement.rest(of: .left, order: 0)
    public static let shortcuts: [Key: OperatorAction] = [
        .character("/"): .beginFilterEdit, .character("x"): .clearFilter, .character(" "): .togglePause, .character("p"): .togglePause,
    ]

    public static func helpLines(glyphs: Glyphs) -> [(keys: String, action: String)] { [
        ("/", "filter: " + NotificationFilter.example),
        ("x", "remove the filter"),
        ("space p", "pause / resume the stream"),
    ] }

    /// Draws the pane in `rect`, border included.
    @discardableResult
    public static func draw(_ context: PaneContext, in rect: Rect) -> Position? {
        let stream = context.snapshot.stream
        let separator = context.canvas.glyphs.separator
        var status = "\(Format.rate(stream.ratePerSecond1s))\(separator)\(stream.totalReceived) received"
        if stream.hiddenBelow > 0 { status = "\(stream.hiddenBelow) newer\(separator)" + status }
        let servers = ServerColumn(context.snapshot.servers)
        var title = servers.title("notifications")
        if let applied = stream.filter.applied { title += " [\(applied)]" }
        let inner = Box(title: title, status: status, focused: context.isFocused(.stream)).draw(on: context.canvas, in: rect)
        var pausedWidth = 0
        if stream.isPaused, inner.width > 0 {
            let badge = " PAUSED +\(stream.arrivedSincePause) "
            pausedWidth = DisplayWidth.of(badge)
            context.canvas.text(badge, in: rect, row: rect.height - 1, offset: max(1, rect.width - 2 - pausedWidth), role: .badge)
        }
        if stream.skipped > 0, inner.width > 0 {
            // Rows the screen had no time for (counted in the rates), unlike the ring's eviction of old rows.
            context.canvas.truncated(
                " \(stream.skipped) rows skipped ", in: rect, row: rect.height - 1, offset: 1,
                width: max(0, rect.width - 3 - pausedWidth), role: .badge)
        }
        if stream.rows.isEmpty {
            let message = stream.filter.applied != nil && stream.retained > 0 ? "no notification matches the filter" : "waiting for notifications"
            context.canvas.truncated(message, in: inner, row: 0, width: inner.width, role: .label)
            return nil
        }
        let idWidth = max(3, stream.rows.map { String($0.id).count }.max() ?? 3)
        let methodWidth = min(max(6, stream.rows.map { DisplayWidth.of($0.method) }.max() ?? 6), max(6, inner.width / 3))
        ListView(rows: stream.rows, selected: stream.selectedRow, focused: context.isFocused(.stream)).draw(on: context.canvas, in: inner) {
            row, line, highlighted in
            let canvas = context.canvas
            var offset = canvas.text(context.format.timeOfDay(row.time), in: line, row: 0, role: highlighted ? .selection : .timestamp) + 1
            offset += servers.draw(row.server, on: canvas, in: line, offset: offset, role: highlighted ? .selection : .label)
            let id = String(row.id)
            offset += canvas.text(String(repeating: " ", count: idWidth - id.count) + id, in: line, row: 0, offset: offset, role: highlighted ? .selection : .id) + 1
            canvas.truncated(row.method, in: line, row: 0, offset: offset, width: methodWidth, role: highlighted ? .selection : .method)
            offset += methodWidth + 1
            canvas.truncated(row.summary, in: line, row: 0, offset: offset, width: line.width, role: highlighted ? .selection : .payload)
        }
        return nil
    }
}
