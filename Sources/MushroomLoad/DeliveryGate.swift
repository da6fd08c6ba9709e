import Synchronization

/// Counts settled deliveries (notifications that arrived, and those of a publish that failed and
/// will never arrive) and lets a publisher wait until a number of them settled, so that it keeps a
/// bounded number of publishes in flight instead of flooding the server.
final class DeliveryGate: Sendable {
    private struct State {
        var count = 0
        var opened = false
        var waiters: [(target: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    /// Counts `deliveries` settled deliveries and wakes the waiters they satisfy.
    func add(_ deliveries: Int = 1) {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.count += deliveries
            guard !state.waiters.isEmpty else { return [] }
            let count = state.count
            let ready = state.waiters.filter { $0.target <= count }.map(\.continuation)
            if !ready.isEmpty { state.waiters.removeAll { $0.target <= count } }
            return ready
        }
        for continuation in ready { continuation.resume() }
    }

    /// Returns once `target` deliveries settled, or at once when the gate is open.
    func wait(untilAtLeast target: Int) async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state in
                if state.opened || state.count >= target { return true }
                state.waiters.append((target, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Releases every waiter, now and later (the run is over).
    func open() {
        let waiting = state.withLock { state in
            state.opened = true
            defer { state.waiters = [] }
            return state.waiters.map(\.continuation)
        }
        for continuation in waiting { continuation.resume() }
    }
}
