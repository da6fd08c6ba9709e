import Synchronization

/// The broadcasts of one server, delivered one pass over its sessions at a time (flat
/// combining). A broadcast made while no pass is under way is delivered at once by its caller, as
/// if there were no queue. One made during a pass waits for the next pass, together with every
/// other made meanwhile, and its caller goes on: that next pass visits each session once for all
/// of them (one lock, one wake-up, one write) instead of once per broadcast, and the broadcasts
/// leave in one order, the order they were made, for every session. At most `limit` wait; beyond
/// that a broadcast is refused, so that its caller learns the sessions cannot take more.
final class BroadcastQueue<Broadcast: Sendable>: Sendable {
    /// What became of a broadcast given to `submit(_:)`.
    enum Submission {
        /// No pass was under way: the caller delivers this pass (the broadcast alone) now, then
        /// calls `nextPass()`.
        case deliver([Broadcast])
        /// A pass is under way: the broadcast waits for the next one.
        case waiting
        /// `limit` broadcasts wait already: this one is refused.
        case refused(waiting: Int)
    }

    private struct State {
        /// Made during the pass under way, in order; empty whenever no pass is under way.
        var waiting: [Broadcast] = []
        var isDelivering = false
    }

    private let state = Mutex(State())
    /// The most broadcasts that wait for the next pass.
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Queues `broadcast` for the pass it belongs to, or refuses it when `limit` wait already.
    func submit(_ broadcast: Broadcast) -> Submission {
        state.withLock { state in
            guard state.isDelivering else {
                state.isDelivering = true
                return .deliver([broadcast])
            }
            guard state.waiting.count < limit else { return .refused(waiting: state.waiting.count) }
            state.waiting.append(broadcast)
            return .waiting
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

extension BroadcastQueue.Submission: Equatable where Broadcast: Equatable {}
