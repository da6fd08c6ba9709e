import DashboardModel

/// The server's sessions (with `mushroom dash --admin-token`): each one's id, transport, rate,
/// unacknowledged messages, age, messages in and out and address, sorted by rate,
/// unacknowledged count or age (`s`); `e` asks to end the selected one and `y` ends it.
public enum SessionsPane: PaneView {
    public static let pane = Pane.sessions
    public static let placement = Placement(column: .left, order: 3) { $0 * 3 / 10 }

    public static func keys(_ key: Key, in context: KeyBindings.Context) -> [KeyCommand]? {
        if context.isConfirmingSessionEnd {
            return [.action(key == .character("y") ? .confirmSessionEnd : .cancelSessionEnd)]
        }
        switch key {
        case .character("s"): return [.action(.cycleSessionOrder)]
        case .character("e"): return [.action(.requestSessionEnd)]
        default: return nil
        }
    }

    public static func helpLines(glyphs: Glyphs) -> [(keys: String, action: String)] { [
        ("s", "sessions: sort by rate / unacknowledged / age"),
        ("e  then y", "sessions: end the selected session"),
    ] }

    public static func footerHints(glyphs: Glyphs) -> [(key: String, action: String)]? {
        [("tab", "pane"), (glyphs.upDown, "select"), ("enter", "detail"), ("s", "sort"), ("e", "end session"), ("?", "help"), ("q", "quit")]
    }

    /// The bottom-border line while the operator confirms ending `id`.
    static func confirmation(_ id: String) -> String { " end \(id)? y: end it, any other key: keep it " }

    /// Draws the pane in `rect`, border included.
    @discardableResult
    public static func draw(_ context: PaneContext, in rect: Rect) -> Position? {
        let canvas = context.canvas
        let focused = context.isFocused(.sessions)
        guard let sessions = context.snapshot.sessions else {
            Box(title: "sessions", status: "", focused: focused).draw(on: canvas, in: rect)
            return nil
        }
        let status = "\(sessions.total) live\(canvas.glyphs.separator)by \(sessions.order.rawValue)"
        let title = context.snapshot.servers.map { "sessions of \($0.name(of: $0.formTarget))" } ?? "sessions"
        let inner = Box(title: title, status: status, focused: focused).draw(on: canvas, in: rect)
        if let line = sessions.confirming.map(confirmation) ?? sessions.notice.map({ " \($0) " }), inner.width > 0 {
            canvas.truncated(line, in: rect, row: rect.height - 1, offset: 1, width: max(0, rect.width - 2), role: .badge)
        }
        if sessions.rows.isEmpty {
            canvas.truncated(sessions.listed ? "no sessions" : "asking the server for its sessions", in: inner, row: 0, width: inner.width, role: .label)
            return nil
        }
        let idWidth = min(max(8, sessions.rows.map { DisplayWidth.of($0.id) }.max() ?? 8), max(8, inner.width / 4))
        ListView(rows: sessions.rows, selected: sessions.selectedRow, focused: focused).draw(on: canvas, in: inner) { session, line, highlighted in
            func role(_ role: Role) -> Role { highlighted ? .selection : role }
            canvas.truncated(session.id, in: line, row: 0, width: idWidth, role: role(.id))
            var offset = idWidth + 1
            offset += canvas.text(DisplayWidth.pad(session.transport, to: 5), in: line, row: 0, offset: offset, role: role(.label))
            offset += canvas.text(DisplayWidth.pad(Format.rate(session.ratePerSecond), to: 9), in: line, row: 0, offset: offset, role: role(.method))
            let unacknowledged = "unack \(session.unacknowledged)"
            offset += canvas.text(DisplayWidth.pad(unacknowledged, to: 11), in: line, row: 0, offset: offset, role: role(session.unacknowledged > 0 ? .countdownWarning : .text))
            let rest = "age \(Format.duration(session.age))  in \(session.messagesIn) out \(session.messagesOut)  \(session.remoteAddress ?? "")"
            canvas.truncated(rest, in: line, row: 0, offset: offset, width: line.width, role: role(.text))
        }
        return nil
    }
}
