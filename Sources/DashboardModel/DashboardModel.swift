import Foundation
import MushroomRPC

/// The dashboard's state: engine events and operator actions in, snapshots out (the Elm architecture's
/// model and update). A value with no I/O and no clock of its own: every time comes from an event,
/// an action or the snapshot's instant, so it is tested with plain dates. One task owns it: each
/// frame, drain the pending engine events into it, apply the keys pressed, perform the commands
/// returned (each result comes back with its command's id), and render a snapshot.
///
/// It can watch several servers at once (`DashboardConfiguration.servers`): each event comes in
/// with its server's index, each command goes out with one, and the panes show every server's
/// rows merged, or one server's alone (`OperatorAction.cycleServer`).
///
/// ```swift
/// var model = DashboardModel()
/// model.ingest(subscription.drain())                                  // engine side, once a frame
/// let commands = model.apply(.submit, at: Date())                      // operator side
/// model.receive(CommandResult(id: commands[0].id, outcome: .notified(7)))  // what became of it
/// let frame = model.snapshot(at: Date())                               // render this
/// ```
public struct DashboardModel: Sendable {
    /// The bounds and defaults it was made with.
    public let configuration: DashboardConfiguration
    /// How many rows each list shows (set with `.layout(_:)`).
    public internal(set) var layout = DashboardLayout()
    /// The focused pane (also in the snapshot).
    public internal(set) var focus = Pane.stream
    /// The maximised pane, if any (also in the snapshot).
    public internal(set) var maximized: Pane?
    // The panes' parts (see `Pane.slot`).
    /// Every server's notifications, in the order they arrived.
    var stream: NotificationStream
    /// Each server's own, on several servers (empty on one): shown while that server is shown
    /// alone, so that a server that floods does not push the others' rows out of their history.
    var serverStreams: [NotificationStream] = []
    var requests: RequestList
    /// Each server's connection and method list, in `configuration.servers` order (one at least).
    var servers: [ServerState]
    /// The server whose rows the panes show alone; `nil` merges every server's.
    var shownServer: Int?
    /// The server the form sends to and the sessions pane lists: the one shown, or the last one shown.
    var formServer = 0
    var errors: ErrorList
    var form: RequestForm
    var sessions = SessionTable()
    /// What became of the last form sent.
    var formResult: FormResult?
    /// The command the last form sent, whose result `formResult` follows.
    var formCommand: CommandID?
    /// The number of the next command emitted.
    var nextCommandNumber = 1
    var detail: Detail?
    /// Copy, export, diff and the rates' order.
    var toolkit = ToolkitState()
    var alerts: AlertMonitor

    /// An empty model with these bounds.
    public init(configuration: DashboardConfiguration = DashboardConfiguration()) {
        self.configuration = configuration
        stream = NotificationStream(configuration: configuration)
        requests = RequestList(configuration: configuration)
        errors = ErrorList(configuration: configuration)
        form = RequestForm(configuration: configuration)
        alerts = AlertMonitor(rules: configuration.alertRules)
        servers = (configuration.servers.isEmpty ? [""] : configuration.servers).map { ServerState(name: $0) }
        if servers.count > 1 { serverStreams = Array(repeating: stream, count: servers.count) }
    }

    /// Whether the stream filter is being edited (typed text goes to it).
    public var isEditingFilter: Bool { shownStream.isEditingFilter }

    /// Whether a detail view is open.
    public var isDetailOpen: Bool { detail != nil }

    /// The panes shown, in focus order: `Pane.standard`, and the sessions pane with
    /// `DashboardConfiguration.showsSessions`.
    public var panes: [Pane] { configuration.showsSessions ? Pane.allCases : Pane.standard }

    /// Whether the sessions pane waits for the operator to confirm ending a session.
    public var isConfirmingSessionEnd: Bool { sessions.confirming != nil }

    /// The form field that receives typed text when the form has focus.
    public var focusedFormField: FormField { form.focusedField }

    /// Takes in a batch drained from the engine's subscription of server `server` (an index of
    /// `configuration.servers`; the first by default): first the notifications it dropped (they
    /// arrived before its events), counted as received, by method and in the rates, without rows
    /// (the stream shows how many it skipped), then each event. A batch of an unknown server is
    /// left out.
    public mutating func ingest(_ batch: EventSubscription.Batch, from server: Int = 0) {
        guard servers.indices.contains(server) else { return }
        if let dropped = batch.droppedNotifications {
            servers[server].connection.receivedUnseen(dropped.total)
            updateStreams(of: server) { $0.recordSkipped(dropped) }
        }
        for event in batch.events { ingest(event, from: server) }
    }

    /// Takes in one engine or transport event of server `server` (the first by default).
    public mutating func ingest(_ event: EngineEvent, from server: Int = 0) {
        guard servers.indices.contains(server) else { return }
        let time = event.time
        func error(_ kind: ErrorKind, _ detail: String) {
            errors.log.record(kind, method: nil, detail: detail, at: time, on: server)
        }
        switch event.kind {
        case .messageReceived(let message):
            servers[server].connection.received(message, at: time)
            if case .notification(let notification) = message {
                updateStreams(of: server) { $0.record(notification, bytes: message.estimatedSize, at: time, from: server) }
            }
        case .messageSent(let message):
            servers[server].connection.sent(message, at: time)
        case .duplicateDropped:
            servers[server].connection.duplicateDropped()
        case .requestStarted(let start):
            guard !isSessionListing(start.method, start.direction), !servers[server].methods.hides(start) else { return }
            requests.tracker.start(start, at: time, on: server)
        case .requestFinished(let finish):
            guard !isSessionListing(finish.method, finish.direction), !servers[server].methods.hides(finish) else { return }
            requests.tracker.finish(finish, at: time, on: server)
            errors.log.record(finish, at: time, on: server)
        case .unmatchedResponse(let requestID, let late):
            if late {
                requests.tracker.markLateResponse(requestID: requestID, on: server)
            } else {
                error(.unmatchedResponse, "an answer to request \(requestID), which is not pending")
            }
        case .protocolError(let detail):
            error(.protocolError, detail)
        case .outboundOverflow(let full):
            error(.outboundOverflow, "\(full.amount) unacknowledged: a message was refused")
        case .transport(let transportEvent):
            servers[server].connection.transport(transportEvent, at: time)
            switch transportEvent {
            case .disconnected(let reason): error(.transport, reason)
            case .sessionLost(let reason): error(.sessionLost, reason)
            case .notRecovered(let since, let reason): error(.notRecovered, "publications after \(since) not recovered: \(reason)")
            case .connected: servers[server].methods.connected()
            case .connecting, .reconnectScheduled, .closed: break
            }
        }
    }

    /// Whether a request is the sessions pane's listing, sent every second: the sessions pane
    /// shows it, the requests pane and the errors leave it out.
    private func isSessionListing(_ method: String, _ direction: RequestDirection) -> Bool {
        configuration.showsSessions && direction == .outbound && method == SessionTable.listMethod
    }

    /// Takes in what became of a command it emitted; the form's result line follows the last
    /// command the form sent, the sessions pane its listings and endings.
    public mutating func receive(_ result: CommandResult) {
        if sessions.owns(result.id) { return sessions.receive(result) }
        if let server = servers.firstIndex(where: { $0.methods.owns(result.id) }) { return servers[server].methods.receive(result) }
        guard result.id == formCommand else { return }
        formResult = formResult?.receiving(result.outcome)
    }

    /// What is due at `now` without an operator's action: after each connection, the server's
    /// method list (`mushroom.methods`, for completion); with the sessions pane, a new listing of
    /// the form's server's sessions once a second (while the last one has been answered).
    public mutating func tick(at now: Date) -> [EngineCommand] {
        var commands: [EngineCommand] = []
        if configuration.showsSessions, var command = sessions.listingDue(at: now, id: CommandID(nextCommandNumber)) {
            nextCommandNumber += 1
            command.server = formServer
            commands.append(command)
        }
        commands += methodListingsDue()
        return commands
    }

    /// A new command id.
    mutating func takeCommandID() -> CommandID {
        defer { nextCommandNumber += 1 }
        return CommandID(nextCommandNumber)
    }

    /// What the screen shows at `now`: the visible rows of each list, counts, rates, ages and countdowns.
    public func snapshot(at now: Date) -> DashboardSnapshot {
        DashboardSnapshot(
            time: now, focus: focus, maximized: maximized, stream: streamSnapshot(at: now),
            requests: requests.snapshot(rows: layout.rows(for: .requests), latencyRows: layout.methodRows, at: now),
            connection: connection.snapshot(at: now), errors: errors.snapshot(rows: layout.rows(for: .errors)),
            form: form.snapshot(methods: knownMethods, maximumCompletions: configuration.maximumCompletions, result: formResult),
            sessions: configuration.showsSessions ? sessions.snapshot(rows: layout.rows(for: .sessions)) : nil,
            detail: detailSnapshot(), alerts: alerts.firing, servers: serversSnapshot(at: now))
    }

    /// Methods for completion: seen in notifications and requests, sent from the form, and
    /// listed by the server.
    var knownMethods: Set<String> {
        servers.reduce(requests.tracker.methods.union(stream.counters.activity.names).union(form.historyMethods)) { $0.union($1.methods.names) }
    }

    private func streamSnapshot(at now: Date) -> StreamSnapshot {
        let instant = Instant(now)
        let stream = shownStream
        let view = stream.view
        let window = stream.window(rows: layout.rows(for: .stream), in: view)
        let rows = window.map { position in
            let entry = stream.ring[sequence: view.sequence(at: position)]
            return NotificationRow(
                time: entry.time, id: entry.id, method: entry.method, data: entry.data, summary: entry.data.compactString,
                server: entry.server)
        }
        let selectedRow = stream.selected.flatMap { selected in window.firstIndex { view.sequence(at: $0) == selected } }
        let ring = stream.ring
        let counters = stream.counters
        return StreamSnapshot(
            rows: rows, selectedRow: selectedRow.map { $0 - window.lowerBound }, hiddenBelow: view.count - window.upperBound,
            retained: ring.count, capacity: ring.capacity, dropped: ring.dropped, skipped: counters.skipped,
            totalReceived: counters.received, ratePerSecond1s: counters.total.ratePerSecond1s(at: instant),
            ratePerSecond10s: counters.total.ratePerSecond10s(at: instant), rateHistory: counters.total.history(at: instant),
            methods: counters.activity.busiest(layout.methodRows, at: instant, by: toolkit.rateOrder, first: alerts.firingMethods),
            methodCount: counters.activity.count, methodOrder: toolkit.rateOrder,
            isPaused: stream.pausedEnd != nil, arrivedSincePause: stream.arrivedSincePause,
            filter: FilterSnapshot(
                applied: stream.filterText, editing: stream.editingFilter?.snapshot, error: stream.filterError))
    }
}
