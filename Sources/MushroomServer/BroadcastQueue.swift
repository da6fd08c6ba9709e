import Synchronization

/// The broadcasts of one server, delivered one pass over its sessions at a time (flat
/// combining). A broadcast made while no pass is under way is delivered at once by its caller, as
/// if there were no queue. One made during a pass waits for the next pass, together with every
/// other made meanwhile, and its caller goes on: that next pass visits each session once for all
/// of them (one lock, one wake-up, one write) instead of once per broadcast, and the broadcasts
/// leave in one order, the order they were made, for every session.
final class BroadcastQueue<Broadcast: Sendable>: Sendable {
    private struct State {
        /// Made during the pass under way, in order; empty whenever no pass is under way.
        var waiting: [Broadcast] = []
        var isDelivering = false
    }

    private let state = Mutex(State())

    /// Queues `broadcast`. Returns the pass the caller is to deliver now (the broadcast alone)
    /// when no pass was under way; the caller then calls `nextPass()` once it is done. `nil` when
    /// a pass is under way: the broadcast waits for the next one.
    func submit(_ broadcast: Broadcast) -> [Broadcast]? {
        state.withLock { state in
            guard !state.isDelivering else {
                state.waiting.append(broadcast)
                return nil
            }
            state.isDelivering = true
            return [broadcast]
        }
    }

    /// Ends a pass: returns the broadcasts made during it, in order, for the next pass, or `nil`
    /// when none was made, and then no pass is under way any more.
    func nextPass() -> [Broadcast]? {
        state.withLock { state in
            guard !state.waiting.isEmpty else {
                state.isDelivering = false
                return nil
            }
            defer { state.waiting = [] }
            return state.waiting
        }
    }
}
