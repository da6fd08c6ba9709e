import Foundation
import MushroomRPC

/// In-flight requests in both directions, a bounded list of finished ones, and latency per method,
/// of every server; the rows are those of the server shown alone (`server`), or of all.
struct RequestTracker: Sendable {
    struct Key: Sendable, Hashable {
        let server: Int
        let direction: RequestDirection
        let id: MessageID
    }

    struct Pending: Sendable {
        let server: Int
        let start: RequestStart
        let started: Date
    }

    struct Finished: Sendable {
        let server: Int
        let start: RequestStart?
        let finish: RequestFinish
        var lateResponse = false
    }

    private var inFlight: [Key: Pending] = [:]
    private var recent: RingBuffer<Finished>
    private var latencies: [String: MethodLatencyStats] = [:]
    private let methodLimit: Int
    private let inFlightLimit: Int
    /// What finished, by server.
    private var countsByServer: [Int: FinishedCounts] = [:]
    /// Methods of requests seen, for form completion (bounded like the latency table).
    private(set) var methods: Set<String> = []
    /// The server whose requests the rows show alone; `nil` shows every server's.
    var server: Int?

    init(configuration: DashboardConfiguration) {
        recent = RingBuffer(capacity: configuration.recentRequestCapacity)
        methodLimit = max(1, configuration.maximumTrackedMethods)
        inFlightLimit = max(1, configuration.maximumInFlightRequests)
    }

    /// Requests in flight: those of the server shown, or all.
    var inFlightCount: Int {
        guard let server else { return inFlight.count }
        return inFlight.keys.count { $0.server == server }
    }

    /// What finished: for the server shown, or for all.
    private var shownCounts: FinishedCounts {
        guard let server else { return countsByServer.values.reduce(FinishedCounts(), +) }
        return countsByServer[server] ?? FinishedCounts()
    }

    var finishedTotal: Int { shownCounts.finished }
    var timeouts: Int { shownCounts.timeouts }
    /// Responses that arrived after their request's timeout.
    var lateResponses: Int { shownCounts.lateResponses }

    mutating func start(_ start: RequestStart, at time: Date, on server: Int = 0) {
        let key = Key(server: server, direction: start.direction, id: start.id)
        if inFlight.count >= inFlightLimit, inFlight[key] == nil,
            let oldest = inFlight.min(by: { $0.value.started < $1.value.started })?.key
        {
            inFlight.removeValue(forKey: oldest)
        }
        inFlight[key] = Pending(server: server, start: start, started: time)
        if methods.count < methodLimit { methods.insert(start.method) }
    }

    mutating func finish(_ finish: RequestFinish, at time: Date, on server: Int = 0) {
        let pending = inFlight.removeValue(forKey: Key(server: server, direction: finish.direction, id: finish.id))
        recent.append(Finished(server: server, start: pending?.start, finish: finish))
        countsByServer[server, default: FinishedCounts()].finished += 1
        switch finish.outcome {
        case .response, .error:
            updateLatency(of: finish.method) { $0.recordAnswer(after: finish.latency) }
        case .timeout:
            guard finish.direction == .outbound else { break }
            countsByServer[server, default: FinishedCounts()].timeouts += 1
            updateLatency(of: finish.method) { $0.recordTimeout() }
        case .cancelled, .connectionLost:
            break
        }
    }

    /// Updates the latency of `method`, a new one only while fewer than `methodLimit` are tracked.
    private mutating func updateLatency(of method: String, _ body: (inout MethodLatencyStats) -> Void) {
        guard latencies[method] != nil || latencies.count < methodLimit else { return }
        body(&latencies[method, default: MethodLatencyStats()])
    }

    /// Flags the recent outbound request `id` of `server` as having got a late response.
    mutating func markLateResponse(requestID: MessageID, on server: Int = 0) {
        var sequence = recent.endSequence - 1
        while sequence >= recent.startSequence {
            let finished = recent[sequence: sequence]
            if finished.server == server, finished.finish.direction == .outbound, finished.finish.id == requestID {
                recent.update(sequence: sequence) { $0.lateResponse = true }
                countsByServer[server, default: FinishedCounts()].lateResponses += 1
                updateLatency(of: finished.finish.method) { $0.recordLateResponse() }
                return
            }
            sequence -= 1
        }
    }

    /// Empties the recent list (in-flight requests stay).
    mutating func clearRecent() {
        recent.removeAll()
    }

    /// The number of rows of the combined list: in flight, then recent.
    var rowCount: Int {
        guard let server else { return inFlight.count + recent.count }
        return inFlight.values.count { $0.server == server } + shownRecent.count
    }

    /// Rows `range` of the combined list: in flight oldest first, then finished newest first.
    func rows(_ range: Range<Int>, at now: Date) -> [RequestRow] {
        guard !range.isEmpty else { return [] }
        let pending = inFlight.values.filter { server == nil || $0.server == server }
            .sorted { ($0.started, $0.server, $0.start.id) < ($1.started, $1.server, $1.start.id) }
        guard server != nil else {
            return range.map { index in
                if index < pending.count { return Self.row(pending[index], at: now) }
                return Self.row(recent[sequence: recent.endSequence - 1 - (index - pending.count)])
            }
        }
        let finished = shownRecent
        return range.map { index in
            index < pending.count ? Self.row(pending[index], at: now) : Self.row(recent[sequence: finished[index - pending.count]])
        }
    }

    /// The sequences of the recent requests of the server shown alone, newest first.
    private var shownRecent: [Int] {
        (recent.startSequence..<recent.endSequence).reversed().filter { recent[sequence: $0].server == server }
    }

    /// The `limit` answered methods with the slowest p99 latency, slowest first.
    func methodLatencies(limit: Int) -> [MethodLatency] {
        Array(allMethodLatencies.filter { $0.count > 0 }.prefix(limit))
    }

    /// Every method's latency, slowest p99 first, then those with no answer (only timeouts), by name.
    var allMethodLatencies: [MethodLatency] {
        latencies.map { method, stats in stats.summary(method: method) }
            .sorted { left, right in
                switch (left.p99, right.p99) {
                case (let leftP99?, let rightP99?) where leftP99 != rightP99: return leftP99 > rightP99
                case (.some, nil): return true
                case (nil, .some): return false
                default: return left.method < right.method
                }
            }
    }

    private static func row(_ pending: Pending, at now: Date) -> RequestRow {
        let start = pending.start
        let elapsed = now.timeIntervalSince(pending.started)
        var remaining: Duration?
        var fraction: Double?
        var state = InFlightState.waiting
        if let deadline = start.deadline {
            let left = deadline.timeIntervalSince(now)
            let timeout = deadline.timeIntervalSince(pending.started)
            remaining = .seconds(left)
            let used = timeout > 0 ? elapsed / timeout : 1
            fraction = min(max(used, 0), 1)
            if left <= 0 {
                state = .overdue
            } else if used >= InFlightState.nearDeadlineFraction {
                state = .nearDeadline
            }
        }
        let timing = RequestRow.InFlight(elapsed: .seconds(elapsed), remaining: remaining, fractionUsed: fraction, state: state)
        return RequestRow(
            server: pending.server, direction: start.direction, id: start.id, method: start.method, data: start.data,
            status: .inFlight(timing))
    }

    private static func row(_ finished: Finished) -> RequestRow {
        let finish = finished.finish
        let outcome = RequestRow.Finished(outcome: finish.outcome, latency: finish.latency, lateResponse: finished.lateResponse)
        return RequestRow(
            server: finished.server, direction: finish.direction, id: finish.id, method: finish.method, data: finished.start?.data ?? .null,
            status: .finished(outcome))
    }
}
