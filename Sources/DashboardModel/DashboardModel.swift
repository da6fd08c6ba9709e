import Foundation
import MushroomRPC

/// The dashboard's state: engine events and operator actions in, snapshots out (the Elm architecture's
/// model and update). A value with no I/O and no clock of its own: every time comes from an event,
/// an action or the snapshot's instant, so it is tested with plain dates. One task owns it: each
/// frame, drain the pending engine events into it, apply the keys pressed, perform the commands
/// returned (each result comes back with its command's id), and render a snapshot.
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
    var stream: NotificationStream
    var requests: RequestList
    var connection = ConnectionTracker()
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
    /// Copy, export, diff, the rates' order and the server's methods.
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
    }

    /// Whether the stream filter is being edited (typed text goes to it).
    public var isEditingFilter: Bool { stream.isEditingFilter }

    /// Whether a detail view is open.
    public var isDetailOpen: Bool { detail != nil }

    /// The panes shown, in focus order: `Pane.standard`, and the sessions pane with
    /// `DashboardConfiguration.showsSessions`.
    public var panes: [Pane] { configuration.showsSessions ? Pane.allCases : Pane.standard }

    /// Whether the sessions pane waits for the operator to confirm ending a session.
    public var isConfirmingSessionEnd: Bool { sessions.confirming != nil }

    /// The form field that receives typed text when the form has focus.
    public var focusedFormField: FormField { form.focusedField }

    /// Takes in a batch drained from the engine's subscription: first the notifications it
    /// dropped (they arrived before its events), counted as received, by method and in the rates,
    /// without rows (the stream shows how many it skipped), then each event.
    public mutating func ingest(_ batch: EventSubscription.Batch) {
        if let dropped = batch.droppedNotifications {
            connection.receivedUnseen(dropped.total)
            stream.recordSkipped(dropped)
        }
        for event in batch.events { ingest(event) }
    }

    /// Takes in one engine or transport event.
    public mutating func ingest(_ event: EngineEvent) {
        let time = event.time
        switch event.kind {
        case .messageReceived(let message):
            connection.received(message, at: time)
            if case .notification(let notification) = message { stream.record(notification, bytes: message.estimatedSize, at: time) }
        case .messageSent(let message):
            connection.sent(message, at: time)
        case .duplicateDropped:
            connection.duplicateDropped()
        case .requestStarted(let start):
            guard !isSessionListing(start.method, start.direction), !toolkit.serverMethods.hides(start) else { return }
            requests.tracker.start(start, at: time)
        case .requestFinished(let finish):
            guard !isSessionListing(finish.method, finish.direction), !toolkit.serverMethods.hides(finish) else { return }
            requests.tracker.finish(finish, at: time)
            errors.log.record(finish, at: time)
        case .unmatchedResponse(let requestID, let late):
            if late {
                requests.tracker.markLateResponse(requestID: requestID)
            } else {
                errors.log.record(.unmatchedResponse, method: nil, detail: "an answer to request \(requestID), which is not pending", at: time)
            }
        case .protocolError(let detail):
            errors.log.record(.protocolError, method: nil, detail: detail, at: time)
        case .outboundOverflow(let full):
            errors.log.record(.outboundOverflow, method: nil, detail: "\(full.amount) unacknowledged: a message was refused", at: time)
        case .transport(let transportEvent):
            connection.transport(transportEvent, at: time)
            switch transportEvent {
            case .disconnected(let reason): errors.log.record(.transport, method: nil, detail: reason, at: time)
            case .sessionLost(let reason): errors.log.record(.sessionLost, method: nil, detail: reason, at: time)
            case .notRecovered(let since, let reason):
                errors.log.record(.notRecovered, method: nil, detail: "publications after \(since) not recovered: \(reason)", at: time)
            case .connected: toolkit.serverMethods.connected()
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
        if toolkit.serverMethods.owns(result.id) { return toolkit.serverMethods.receive(result) }
        guard result.id == formCommand else { return }
        formResult = formResult?.receiving(result.outcome)
    }

    /// What is due at `now` without an operator's action: after each connection, the server's
    /// method list (`mushroom.methods`, for completion); with the sessions pane, a new listing of
    /// the server's sessions once a second (while the last one has been answered).
    public mutating func tick(at now: Date) -> [EngineCommand] {
        var commands: [EngineCommand] = []
        if configuration.showsSessions, let command = sessions.listingDue(at: now, id: CommandID(nextCommandNumber)) {
            nextCommandNumber += 1
            commands.append(command)
        }
        if let listing = methodListingDue() { commands.append(listing) }
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
            detail: detailSnapshot(), alerts: alerts.firing)
    }

    /// Methods for completion: seen in notifications and requests, sent from the form, and
    /// listed by the server.
    var knownMethods: Set<String> {
        requests.tracker.methods.union(stream.activity.names).union(form.historyMethods).union(toolkit.serverMethods.names)
    }

    private func streamSnapshot(at now: Date) -> StreamSnapshot {
        let instant = Instant(now)
        let view = stream.view
        let window = stream.window(rows: layout.rows(for: .stream), in: view)
        let rows = window.map { position in
            let entry = stream.ring[sequence: view.sequence(at: position)]
            return NotificationRow(time: entry.time, id: entry.id, method: entry.method, data: entry.data, summary: entry.data.compactString)
        }
        let selectedRow = stream.selected.flatMap { selected in window.firstIndex { view.sequence(at: $0) == selected } }
        let ring = stream.ring
        return StreamSnapshot(
            rows: rows, selectedRow: selectedRow.map { $0 - window.lowerBound }, hiddenBelow: view.count - window.upperBound,
            retained: ring.count, capacity: ring.capacity, dropped: ring.dropped, skipped: stream.skipped,
            totalReceived: stream.received, ratePerSecond1s: stream.total.ratePerSecond1s(at: instant),
            ratePerSecond10s: stream.total.ratePerSecond10s(at: instant), rateHistory: stream.total.history(at: instant),
            methods: stream.activity.busiest(layout.methodRows, at: instant, by: toolkit.rateOrder, first: alerts.firingMethods),
            methodCount: stream.activity.count, methodOrder: toolkit.rateOrder,
            isPaused: stream.pausedEnd != nil, arrivedSincePause: stream.arrivedSincePause,
            filter: FilterSnapshot(
                applied: stream.filterText, editing: stream.editingFilter?.snapshot, error: stream.filterError))
    }
}
