import Synchronization

/// One open connection of a transport, attached to an engine with `Engine.attach(wake:)`. The
/// engine queues the connection's outbound messages here in wire order and, once its locks are
/// released, calls `wake` when the queue went from idle to non-empty. The woken transport takes
/// batches with `takeOutbound()` until one comes back empty, which ends the wake-up: the next
/// queued message wakes it again. So exactly one consumer drains at a time, in order, and a burst
/// queued while the transport was busy leaves in one batch.
public final class EngineConnection: Sendable {
    private struct Queue {
        var messages: [Message] = []
        var isAwake = false
        var isDetached = false
    }

    private let wake: @Sendable (EngineConnection) -> Void
    private let queue = Mutex(Queue())

    init(wake: @escaping @Sendable (EngineConnection) -> Void) {
        self.wake = wake
    }

    /// Everything queued, oldest first, without the Heartbeats a later one in it covers
    /// (acknowledgements are cumulative). Empty when nothing is queued, which ends the wake-up.
    public func takeOutbound() -> [Message] {
        Message.withoutCoveredHeartbeats(takeQueued())
    }

    /// Everything queued, taking batches until the queue is empty (which ends the wake-up), with
    /// the covered Heartbeats left out: what a transport that writes once per wake-up calls.
    public func takeAllOutbound() -> [Message] {
        var all = takeQueued()
        while case let more = takeQueued(), !more.isEmpty { all += more }
        return Message.withoutCoveredHeartbeats(all)
    }

    /// The queued messages as they are; none ends the wake-up.
    private func takeQueued() -> [Message] {
        queue.withLock { queue in
            guard !queue.messages.isEmpty else {
                queue.isAwake = false
                return []
            }
            var batch: [Message] = []
            swap(&batch, &queue.messages)
            return batch
        }
    }

    /// Whether the engine let go of this connection (a newer one was attached, it was detached, or
    /// the engine closed); what it had not taken stays in the engine's buffer for the next one.
    public var isDetached: Bool { queue.withLock { $0.isDetached } }

    /// Queues `message`; true when the transport must be woken (call `wakeTransport()` once no
    /// lock is held).
    func enqueue(_ message: Message) -> Bool {
        queue.withLock { queue in
            guard !queue.isDetached else { return false }
            queue.messages.append(message)
            defer { queue.isAwake = true }
            return !queue.isAwake
        }
    }

    func wakeTransport() {
        wake(self)
    }

    /// Stops queueing; what is queued can still be taken.
    func detach() {
        queue.withLock { $0.isDetached = true }
    }
}
