import DashboardModel

/// Heartbeat and connection status: state, peer, heartbeat ages, ids, acknowledgement and round trip.
public enum ConnectionPane: PaneView {
    public static let pane = Pane.connection
    public static let placement = Placement(column: .right, order: 0) { $0 >= 30 ? 10 : 7 }

    /// Draws the pane in `rect`, border included.
    @discardableResult
    public static func draw(_ context: PaneContext, in rect: Rect) -> Position? {
        let connection = context.snapshot.connection
        let (state, stateRole) = describe(connection)
        let title = context.snapshot.servers.map { "connection \($0.name(of: $0.shown ?? $0.formTarget))" } ?? "connection"
        let inner = Box(title: title, status: connection.transport, focused: context.isFocused(.connection))
            .draw(on: context.canvas, in: rect)
        func age(_ value: Duration?) -> String { value.map { "\(Format.duration($0)) ago" } ?? "never" }
        func id(_ value: Int?) -> String { value.map(String.init) ?? "-" }
        var since = ""
        if let stateAge = connection.stateAge { since = " for \(Format.duration(stateAge))" }
        var entries: [(label: String, value: String, role: Role)] = [
            ("state", state + since, stateRole),
            ("server", connection.url ?? "-", .text),
            ("heartbeat", "received \(age(connection.lastHeartbeatReceivedAge)), sent \(age(connection.lastHeartbeatSentAge))", .text),
            ("ids", "sent \(id(connection.lastIDSent)) acked \(id(connection.lastIDAcknowledged)) recv \(id(connection.lastIDReceived))", .id),
            ("unacked", "\(connection.unacknowledged)", connection.unacknowledged > 100 ? .countdownWarning : .text),
            ("round trip", connection.roundTrip.map(Format.duration) ?? "-", .text),
            ("messages", "\(connection.messagesSent) out, \(connection.messagesReceived) in, \(connection.duplicatesDropped) dup", .text),
            ("session", connection.sessionID ?? "-", .id),
        ]
        if connection.reconnects > 0 || connection.sessionsLost > 0 {
            entries.insert(("reconnects", "\(connection.reconnects), sessions lost \(connection.sessionsLost)", .countdownWarning), at: 2)
        }
        KeyValueLines(entries).draw(on: context.canvas, in: inner)
        return nil
    }

    /// The state in words and its role.
    public static func describe(_ connection: ConnectionSnapshot) -> (String, Role) {
        switch connection.state {
        case .idle: return ("idle", .statusConnecting)
        case .connecting(let attempt): return (attempt > 1 ? "connecting (attempt \(attempt))" : "connecting", .statusConnecting)
        case .connected: return ("connected", .statusConnected)
        case .disconnected(let reason): return ("disconnected: \(reason)", .statusDisconnected)
        case .waitingToReconnect(let attempt):
            let countdown = connection.retryCountdown.map { " in \(Format.duration($0))" } ?? ""
            return ("retry \(attempt)\(countdown)", .statusDisconnected)
        case .closed(let reason): return ("closed: \(reason)", .statusDisconnected)
        }
    }
}
