import Foundation
import MushroomRPC

/// The sessions pane's part of the model (the operator's view, with `mushroom dash
/// --admin-token`): the server's sessions as last listed, sorted, the selection, and ending one
/// after a confirmation. It asks for a new listing (`mushroom.sessions`) once a second while the
/// last one has been answered; it ends a session with `mushroom.session.end`.
struct SessionTable: ListPaneModel {
    /// The admin methods it calls.
    static let listMethod = "mushroom.sessions"
    static let endMethod = "mushroom.session.end"
    /// How often the sessions are listed, and how long a listing may take.
    static let refreshInterval: TimeInterval = 1
    static let listTimeout: Duration = .seconds(5)

    private(set) var sessions: [ServerSession] = []
    var position = ListPosition()
    private(set) var order = SessionOrder.rate
    /// The session the operator asked to end, waiting for `y`.
    private(set) var confirming: ServerSession?
    /// What became of the last listing or ending, when it went wrong or ended a session.
    private(set) var notice: String?
    /// When the last listing was asked for.
    private var listedAt: Date?
    /// Whether a listing was answered yet.
    private var listed = false
    /// The listing and the ending waiting for their results.
    private var listing: CommandID?
    private var ending: (command: CommandID, id: String)?

    var rowCount: Int { sessions.count }

    /// The listing request, when one is due at `now`: none is waiting, and the last was asked
    /// for a second ago or more.
    mutating func listingDue(at now: Date, id: CommandID) -> EngineCommand? {
        guard listing == nil, listedAt.map({ now.timeIntervalSince($0) >= Self.refreshInterval || now < $0 }) ?? true else { return nil }
        listing = id
        listedAt = now
        return EngineCommand(id: id, kind: .sendRequest(method: Self.listMethod, data: .null, timeout: Self.listTimeout))
    }

    /// Whether `id` is one of this pane's commands.
    func owns(_ id: CommandID) -> Bool { id == listing || id == ending?.command }

    /// Takes in the result of a listing or an ending.
    mutating func receive(_ result: CommandResult) {
        if result.id == listing {
            listing = nil
            listed = true
            guard case .requestFinished(.response(let answer), _) = result.outcome, let listed = answer.arrayValue else {
                notice = "could not list the sessions: \(Self.describe(result.outcome))"
                return
            }
            if notice?.hasPrefix("could not list") == true { notice = nil }
            replace(with: listed.compactMap(ServerSession.init(json:)))
        } else if let ending, result.id == ending.command {
            self.ending = nil
            if case .requestFinished(.response, _) = result.outcome {
                notice = "ended session \(ending.id)"
                replace(with: sessions.filter { $0.id != ending.id })
            } else {
                notice = "could not end session \(ending.id): \(Self.describe(result.outcome))"
            }
        }
    }

    /// Replaces the rows, sorted, keeping the selected session selected where it still is.
    private mutating func replace(with listed: [ServerSession]) {
        let selectedID = selectedSession?.id
        sessions = listed.sorted(by: order.precedes)
        position.selected = selectedID.flatMap { id in sessions.firstIndex { $0.id == id } } ?? position.selected.map { min($0, sessions.count - 1) }
        if sessions.isEmpty { position = ListPosition() }
    }

    private static func describe(_ outcome: CommandResult.Outcome) -> String {
        switch outcome {
        case .requestFinished(.response(let data), _): "unexpected answer \(data.compactString)"
        case .requestFinished(.error(let data), _): data.stringValue ?? data.compactString
        case .requestFinished(.timeout, _): "no answer in time"
        case .requestFinished(.cancelled, _): "cancelled"
        case .requestFinished(.connectionLost(let reason), _): "connection lost: \(reason)"
        case .notified: "sent as a notification"
        case .refused(let reason): reason
        }
    }

    var selectedSession: ServerSession? {
        position.selected.flatMap { sessions.indices.contains($0) ? sessions[$0] : nil }
    }

    /// Sorts by the next order.
    mutating func cycleOrder() {
        order = order.next
        replace(with: sessions)
    }

    /// Asks to end the selected session: it waits for `confirmEnd`.
    mutating func requestEnd() {
        confirming = selectedSession
    }

    /// Ends the session waiting for confirmation.
    mutating func confirmEnd(id: CommandID) -> EngineCommand? {
        guard let session = confirming else { return nil }
        confirming = nil
        ending = (id, session.id)
        return EngineCommand(id: id, kind: .sendRequest(method: Self.endMethod, data: .string(session.id), timeout: Self.listTimeout))
    }

    /// Keeps the session waiting for confirmation.
    mutating func cancelEnd() {
        confirming = nil
    }

    mutating func clear() {
        notice = nil
    }

    func detail(rows: Int, at time: Date) -> Detail? {
        guard let session = selectedSession else { return nil }
        let subscriptions = session.subscriptions.map { $0.isEmpty ? "none" : $0.joined(separator: ", ") } ?? "every topic (never subscribed)"
        let text = """
            transport: \(session.transport)
            remote address: \(session.remoteAddress ?? "unknown")
            age: \(session.age.secondsDescription)
            subscriptions: \(subscriptions)
            unacknowledged: \(session.unacknowledged)
            messages in: \(session.messagesIn)
            messages out: \(session.messagesOut)
            rate: \(String(format: "%.1f", session.ratePerSecond)) messages/s
            """
        return Detail(title: "session \(session.id)", text: text)
    }

    /// The visible `rows` sessions.
    func snapshot(rows: Int) -> SessionsSnapshot {
        let (range, selectedRow) = visibleWindow(rows: rows)
        return SessionsSnapshot(
            rows: Array(sessions[range]), selectedRow: selectedRow, total: sessions.count, order: order,
            confirming: confirming?.id, notice: notice, listed: listed)
    }
}
