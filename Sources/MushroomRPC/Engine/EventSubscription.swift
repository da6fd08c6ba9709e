import DequeModule
import Foundation
import Synchronization

/// One subscriber's view of an engine's events (`Engine.events()`): a bounded queue between the
/// engine and its consumer. When `limit` events wait unread, the oldest is dropped, and counted
/// exactly: every batch says how many were dropped before it, so a consumer that falls behind
/// knows by how much, and counts the dropped notifications by method with their time span
/// (`DroppedNotifications`), so that it can still count every notification it did not see. The
/// subscription ends after the engine's `closed` event, when the consuming task is cancelled, or
/// when it is cancelled or released.
///
/// ```swift
/// for await event in engine.events() { ... }           // one event at a time
/// let batch = subscription.drain()                      // or everything waiting, at once
/// ```
public final class EventSubscription: AsyncSequence, Sendable {
    public typealias Element = EngineEvent

    /// The most method names a `DroppedNotifications` tally keeps; notifications of further
    /// methods are counted together, in `DroppedNotifications.unnamed`.
    public static let droppedMethodLimit = 512

    /// Events taken at once, oldest first, and how many were dropped just before them.
    public struct Batch: Sendable {
        public let events: [EngineEvent]
        /// Every event dropped, notifications included.
        public let dropped: Int
        /// The notifications among the dropped events; `nil` when none was dropped.
        public let droppedNotifications: DroppedNotifications?

        /// A batch of `events` after `dropped` dropped ones, `droppedNotifications` among them.
        public init(events: [EngineEvent], dropped: Int = 0, droppedNotifications: DroppedNotifications? = nil) {
            self.events = events
            self.dropped = dropped
            self.droppedNotifications = droppedNotifications
        }
    }

    /// The received notifications a subscription dropped (`.messageReceived(.notification)`
    /// events), counted by method, and when the first and the last of them arrived: what a
    /// consumer needs to count them by method, and at their rate, without their rows.
    public struct DroppedNotifications: Sendable, Hashable {
        /// Dropped notifications per method, for at most `EventSubscription.droppedMethodLimit` methods.
        public private(set) var byMethod: [String: Int] = [:]
        /// Dropped notifications of the methods beyond the limit.
        public private(set) var unnamed = 0
        /// Every dropped notification.
        public private(set) var total = 1
        /// When the first dropped notification arrived.
        public let first: Date
        /// When the last dropped notification arrived.
        public private(set) var last: Date

        /// A tally of the notification `method`, dropped, that arrived at `time`.
        init(method: String, at time: Date) {
            first = time
            last = time
            byMethod[method] = 1
        }

        /// Counts the notification `method`, dropped, that arrived at `time` (after the others).
        mutating func count(_ method: String, at time: Date) {
            last = time
            total += 1
            if let count = byMethod[method] {
                byMethod[method] = count + 1
            } else if byMethod.count < EventSubscription.droppedMethodLimit {
                byMethod[method] = 1
            } else {
                unnamed += 1
            }
        }
    }

    /// The queue the engine pushes into; the subscription is its consumer's handle.
    final class Queue: Sendable {
        private struct State {
            var events = Deque<EngineEvent>()
            var dropped = 0
            var droppedNotifications: DroppedNotifications?
            var totalDropped = 0
            var waiter: CheckedContinuation<Batch?, Never>?
            var isFinished = false

            mutating func take() -> Batch {
                defer {
                    events.removeAll(keepingCapacity: true)
                    dropped = 0
                    droppedNotifications = nil
                }
                return Batch(events: Array(events), dropped: dropped, droppedNotifications: droppedNotifications)
            }

            /// Drops the oldest event, counting it, and a notification by its method.
            mutating func dropOldest() {
                let oldest = events.removeFirst()
                dropped += 1
                totalDropped += 1
                guard case .messageReceived(.notification(let notification)) = oldest.kind else { return }
                if droppedNotifications == nil {
                    droppedNotifications = DroppedNotifications(method: notification.method, at: oldest.time)
                } else {
                    droppedNotifications?.count(notification.method, at: oldest.time)
                }
            }
        }

        let limit: Int
        private let state = Mutex(State())

        init(limit: Int) {
            self.limit = Swift.max(1, limit)
        }

        /// Queues `event`, dropping the oldest at the limit; true when a waiting consumer must be
        /// woken (`wakeWaiter()`, with no lock held).
        func push(_ event: EngineEvent) -> Bool {
            state.withLock { state in
                guard !state.isFinished else { return false }
                if state.events.count >= limit { state.dropOldest() }
                state.events.append(event)
                return state.waiter != nil
            }
        }

        /// Ends the queue: what is queued is still taken, then the consumer sees the end. True when
        /// a waiting consumer must be woken.
        func finish() -> Bool {
            state.withLock { state in
                state.isFinished = true
                return state.waiter != nil
            }
        }

        /// Hands what is queued (or the end) to a waiting consumer.
        func wakeWaiter() {
            let handOff = state.withLock { state -> (CheckedContinuation<Batch?, Never>, Batch?)? in
                guard let waiter = state.waiter, !state.events.isEmpty || state.isFinished else { return nil }
                state.waiter = nil
                return (waiter, state.events.isEmpty ? nil : state.take())
            }
            if let (waiter, batch) = handOff { waiter.resume(returning: batch) }
        }

        func next() async -> Batch? {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> Batch?? in
                    if !state.events.isEmpty { return .some(state.take()) }
                    if state.isFinished { return .some(nil) }
                    state.waiter = continuation
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }

        func drain() -> Batch {
            state.withLock { $0.take() }
        }

        var totalDropped: Int { state.withLock { $0.totalDropped } }
    }

    let queue: Queue
    private let onCancel: @Sendable () -> Void

    init(queue: Queue, onCancel: @escaping @Sendable () -> Void) {
        self.queue = queue
        self.onCancel = onCancel
    }

    deinit {
        cancel()
    }

    /// The events waiting, waiting for at least one; `nil` once the subscription has ended and
    /// everything was taken, or when the calling task is cancelled (which ends the subscription).
    public func next() async -> Batch? {
        await withTaskCancellationHandler {
            await queue.next()
        } onCancel: {
            cancel()
        }
    }

    /// The events waiting, possibly none, without waiting.
    public func drain() -> Batch {
        queue.drain()
    }

    /// How many events this subscription dropped in all.
    public var droppedCount: Int { queue.totalDropped }

    /// Ends the subscription; the engine stops queueing into it.
    public func cancel() {
        onCancel()
        if queue.finish() { queue.wakeWaiter() }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(subscription: self)
    }

    /// Yields the events one at a time, taking them from the queue in batches (without their
    /// counts of what was dropped: `next()` and `drain()` give those).
    public struct AsyncIterator: AsyncIteratorProtocol {
        let subscription: EventSubscription
        private var batch: [EngineEvent] = []
        private var index = 0

        init(subscription: EventSubscription) {
            self.subscription = subscription
        }

        public mutating func next() async -> EngineEvent? {
            if index == batch.count {
                guard let next = await subscription.next() else { return nil }
                batch = next.events
                index = 0
                if batch.isEmpty { return nil }
            }
            defer { index += 1 }
            return batch[index]
        }
    }
}
