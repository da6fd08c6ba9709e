import Foundation
import Synchronization

/// Fans an engine's events out to its subscriptions, each a bounded queue of its own, stamped with
/// the engine's clock. An event nobody listens to is not even built: one atomic load. Remembers
/// the latest transport change, with which every new subscription begins, so a late subscriber
/// knows the state the connection is in.
final class EventHub: Sendable {
    private struct Subscribers {
        var queues: [Int: EventSubscription.Queue] = [:]
        var nextToken = 0
        var latestTransport: EngineEvent?
        var isFinished = false
    }

    private let subscribers = Mutex(Subscribers())
    private let subscriberCount = Atomic<Int>(0)
    private let now: @Sendable () -> Date

    init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// Whether anyone listens; checked before an event is built.
    var hasSubscribers: Bool { subscriberCount.load(ordering: .relaxed) > 0 }

    /// A new subscription holding at most `limit` unread events, beginning with the latest
    /// transport change. An engine that has closed gives one that ends after that change.
    func subscribe(limit: Int) -> EventSubscription {
        let queue = EventSubscription.Queue(limit: limit)
        let token = subscribers.withLock { subscribers -> Int? in
            // Under the lock, so that no event published meanwhile comes before the initial one.
            if let latest = subscribers.latestTransport { _ = queue.push(latest) }
            guard !subscribers.isFinished else {
                _ = queue.finish()
                return nil
            }
            defer { subscribers.nextToken += 1 }
            subscribers.queues[subscribers.nextToken] = queue
            subscriberCount.add(1, ordering: .relaxed)
            return subscribers.nextToken
        }
        return EventSubscription(queue: queue) { [weak self] in
            guard let self, let token else { return }
            if self.subscribers.withLock({ $0.queues.removeValue(forKey: token) }) != nil {
                self.subscriberCount.subtract(1, ordering: .relaxed)
            }
        }
    }

    /// Queues the event `kind`, at `time` (now by default), for every subscriber, when there is
    /// one; those waiting are woken once the locks are released.
    func publish(_ kind: @autoclosure () -> EngineEvent.Kind, at time: Date? = nil, _ deferred: inout Deferred) {
        guard hasSubscribers else { return }
        let event = EngineEvent(time: time ?? now(), kind: kind())
        subscribers.withLock { subscribers in
            for queue in subscribers.queues.values where queue.push(event) { deferred.wake(queue) }
        }
    }

    /// Queues a transport change like `publish`, and remembers it for later subscribers even when
    /// nobody listens now.
    func report(_ change: TransportEvent, _ deferred: inout Deferred) {
        let event = EngineEvent(time: now(), kind: .transport(change))
        subscribers.withLock { subscribers in
            subscribers.latestTransport = event
            for queue in subscribers.queues.values where queue.push(event) { deferred.wake(queue) }
        }
    }

    /// Ends every subscription (after the engine's final event); later ones end at once.
    func finish(_ deferred: inout Deferred) {
        subscribers.withLock { subscribers in
            subscribers.isFinished = true
            for queue in subscribers.queues.values where queue.finish() { deferred.wake(queue) }
            subscribers.queues.removeAll()
        }
        subscriberCount.store(0, ordering: .relaxed)
    }
}
