import DashboardModel

/// The top row: name, connection state, peer, total rate, the pause badge and the applied filter;
/// on several servers, each server's name and state, and which the panes show.
public enum HeaderBar {
    /// Draws the row in `rect`.
    public static func draw(_ context: PaneContext, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let canvas = context.canvas
        let snapshot = context.snapshot
        canvas.clear(rect, role: .header)
        var offset = canvas.text(" mushroom ", in: rect, row: 0, role: .header)
        if let servers = snapshot.servers {
            for (name, connection) in zip(servers.names, servers.connections) {
                let (state, role) = ConnectionPane.describe(connection)
                // The reason of a drop is in the errors pane; the header keeps to the state.
                let short = state.split(separator: ":", maxSplits: 1).first.map(String.init) ?? state
                offset += canvas.text(" \(name) \(short) ", in: rect, row: 0, offset: offset, role: role)
            }
        } else {
            let (state, role) = ConnectionPane.describe(snapshot.connection)
            offset += canvas.text(" \(state) ", in: rect, row: 0, offset: offset, role: role)
        }
        if let alert = snapshot.alerts.first {
            let more = snapshot.alerts.count > 1 ? " (+\(snapshot.alerts.count - 1) more)" : ""
            offset += canvas.text(" ALERT \(alert.detail)\(more) ", in: rect, row: 0, offset: offset, role: .error)
        }
        let peer = snapshot.servers.map { "view: \($0.shownName)" }
            ?? [snapshot.connection.transport, snapshot.connection.url].compactMap { $0 }.joined(separator: " ")
        offset += canvas.text(" \(peer)  \(Format.rate(snapshot.stream.ratePerSecond1s)) ", in: rect, row: 0, offset: offset, role: .header)
        if snapshot.stream.isPaused {
            offset += canvas.text(" PAUSED +\(snapshot.stream.arrivedSincePause) ", in: rect, row: 0, offset: offset, role: .badge)
        }
        if let filter = snapshot.stream.filter.applied {
            offset += canvas.text(" filter: \(filter) ", in: rect, row: 0, offset: offset, role: .header)
        }
        let help = " \(context.keys.label("?")) help  \(context.keys.label("q")) quit "
        let helpWidth = DisplayWidth.of(help)
        if rect.width - offset >= helpWidth { canvas.text(help, in: rect, row: 0, offset: rect.width - helpWidth, role: .header) }
    }
}
