import Foundation
import Synchronization

/// An engine's outbound requests: registered as they are sent, finished by their answer, their
/// timeout, a cancellation or the end of the session, and published as `requestStarted` and
/// `requestFinished`. One sweeper task per engine watches every deadline: it sleeps until the
/// earliest and is replaced only when an earlier one is registered.
final class PendingRequests: Sendable {
    private struct State {
        var table = RequestTable()
        /// The sweeper's generation and the instant it wakes at.
        var sweeper: (generation: Int, wakesAt: ContinuousClock.Instant, task: Task<Void, Never>)?
        var generation = 0
    }

    private let state = Mutex(State())
    private let hub: EventHub
    private let now: @Sendable () -> Date

    init(hub: EventHub, now: @escaping @Sendable () -> Date) {
        self.hub = hub
        self.now = now
    }

    var count: Int { state.withLock { $0.table.count } }

    func hasTimedOut(_ id: MessageID) -> Bool { state.withLock { $0.table.hasTimedOut(id) } }

    /// Registers request `id`, sent just now, and publishes its start.
    func register(_ start: RequestStart, timeout: Duration?, _ deferred: inout Deferred) {
        let started = now()
        let deadline = timeout.map { ContinuousClock.now + min($0, Duration.longestAccepted) }
        state.withLock { state in
            state.table.insert(PendingRequest(method: start.method, started: started, timeout: timeout), id: start.id, deadline: deadline)
            if let deadline { scheduleSweep(at: deadline, in: &state) }
        }
        hub.publish(.requestStarted(start), at: started, &deferred)
    }

    /// Waits for the result of request `id` (which may already be there).
    func result(of id: MessageID) async throws -> JSONValue {
        try await withCheckedThrowingContinuation { continuation in
            if let result = state.withLock({ $0.table.install(continuation, for: id) }) {
                continuation.resume(with: result)
            }
        }
    }

    /// Completes pending request `id` with `outcome`; false when there is no such unfinished request.
    func finish(_ id: MessageID, _ outcome: RequestOutcome, _ deferred: inout Deferred) -> Bool {
        state.withLock { state in finish(id, outcome, in: &state, &deferred) }
    }

    /// Fails every pending request with `ConnectionLost(reason)`.
    func failAll(reason: String, _ deferred: inout Deferred) {
        let error = ConnectionLost(reason)
        let time = now()
        state.withLock { state in
            state.sweeper?.task.cancel()
            state.sweeper = nil
            for failed in state.table.failAll(with: error) {
                publishFinish(failed.id, failed.request, .connectionLost(reason), at: time, &deferred)
                if let caller = failed.resume { deferred.resume(caller, with: .failure(error)) }
            }
        }
    }

    private func finish(_ id: MessageID, _ outcome: RequestOutcome, in state: inout State, _ deferred: inout Deferred) -> Bool {
        guard let entry = state.table.pending[id] else { return false }
        let result = Self.result(of: outcome, method: entry.method, timeout: entry.timeout)
        guard let finished = state.table.finish(id, with: result, timedOut: outcome == .timeout) else { return false }
        publishFinish(id, finished.request, outcome, at: now(), &deferred)
        if let caller = finished.resume { deferred.resume(caller, with: result) }
        return true
    }

    private func publishFinish(_ id: MessageID, _ request: PendingRequest, _ outcome: RequestOutcome, at time: Date, _ deferred: inout Deferred) {
        hub.publish(.requestFinished(RequestFinish(
            direction: .outbound, id: id, method: request.method, outcome: outcome,
            latency: .seconds(time.timeIntervalSince(request.started)))), at: time, &deferred)
    }

    private static func result(of outcome: RequestOutcome, method: String, timeout: Duration?) -> Result<JSONValue, any Error> {
        switch outcome {
        case .response(let data): .success(data)
        case .error(let data): .failure(RequestException(data))
        case .timeout: .failure(RequestTimeout(method: method, timeout: timeout ?? .zero))
        case .cancelled: .failure(CancellationError())
        case .connectionLost(let reason): .failure(ConnectionLost(reason))
        }
    }

    // MARK: Deadlines

    /// Makes sure the sweeper wakes by `deadline`: a new one replaces it when it would wake later.
    private func scheduleSweep(at deadline: ContinuousClock.Instant, in state: inout State) {
        if let sweeper = state.sweeper, sweeper.wakesAt <= deadline { return }
        state.sweeper?.task.cancel()
        state.generation += 1
        let generation = state.generation
        let task = Task { [weak self] in
            try? await Task.sleep(until: deadline, clock: .continuous)
            guard !Task.isCancelled else { return }
            self?.sweep(generation: generation)
        }
        state.sweeper = (generation, deadline, task)
    }

    /// Times out every request whose deadline has passed and schedules the next wake-up.
    private func sweep(generation: Int) {
        withDeferred { deferred in
            state.withLock { state in
                if state.sweeper?.generation == generation { state.sweeper = nil }
                for id in state.table.takeExpired(at: .now) { _ = finish(id, .timeout, in: &state, &deferred) }
                if let next = state.table.earliestDeadline { scheduleSweep(at: next, in: &state) }
            }
        }
    }
}
