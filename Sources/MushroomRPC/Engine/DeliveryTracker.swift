import Synchronization

/// Knows how far the peer has confirmed receiving our messages: a Heartbeat acknowledging them,
/// or (a long-poll client) a POST carrying them answered with `200`. `Engine.waitUntilDelivered`
/// waits here.
final class DeliveryTracker: Sendable {
    private struct Waiter {
        let id: MessageID
        let token: Int
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var deliveredThrough: MessageID?
        var waiters: [Waiter] = []
        var nextToken = 0
    }

    private let state = Mutex(State())

    /// How many tasks wait.
    var waiterCount: Int { state.withLock { $0.waiters.count } }

    /// Records that every message with an id `<= id` reached the server.
    func delivered(through id: MessageID?) {
        guard let id else { return }
        let ready = state.withLock { state -> [Waiter] in
            if let current = state.deliveredThrough, current >= id { return [] }
            state.deliveredThrough = id
            let ready = state.waiters.filter { $0.id <= id }
            state.waiters.removeAll { $0.id <= id }
            return ready
        }
        for waiter in ready { waiter.continuation.resume() }
    }

    /// Starts over for a new session: waiters fail with `ConnectionLost(reason)`.
    func reset(reason: String) {
        let waiters = state.withLock { state in
            defer {
                state.deliveredThrough = nil
                state.waiters.removeAll()
            }
            return state.waiters
        }
        for waiter in waiters { waiter.continuation.resume(throwing: ConnectionLost(reason)) }
    }

    /// Returns once message `id` reached the server; throws `CancellationError` when the task is cancelled.
    func wait(for id: MessageID) async throws {
        let token = state.withLock { state in
            defer { state.nextToken += 1 }
            return state.nextToken
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let done = state.withLock { state -> Bool in
                    if let current = state.deliveredThrough, current >= id { return true }
                    state.waiters.append(Waiter(id: id, token: token, continuation: continuation))
                    return false
                }
                if done { continuation.resume() }
                if Task.isCancelled { cancel(token) }
            }
        } onCancel: {
            cancel(token)
        }
    }

    private func cancel(_ token: Int) {
        let waiter = state.withLock { state -> Waiter? in
            guard let index = state.waiters.firstIndex(where: { $0.token == token }) else { return nil }
            return state.waiters.remove(at: index)
        }
        waiter?.continuation.resume(throwing: CancellationError())
    }
}
