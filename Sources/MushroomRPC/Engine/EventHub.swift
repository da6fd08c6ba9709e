import Foundation
import Synchronization

/// Fans an engine's events out to its subscriptions, each a bounded queue of its own, stamped with
/// the engine's clock, and its traffic to its `TrafficTap`, if it has one. An event nobody listens
/// to is not even built: one atomic load. Remembers the latest transport change, with which every
/// new subscription (and the tap) begins, so a late subscriber knows the state the connection is in.
final class EventHub: Sendable {
    private struct Subscribers {
        var queues: [Int: EventSubscription.Queue] = [:]
        var nextToken = 0
        var latestTransport: EngineEvent?
        var tap: (any TrafficTap)?
        var isFinished = false
    }

    private let subscribers = Mutex(Subscribers())
    private let subscriberCount = Atomic<Int>(0)
    private let isTapped = Atomic<Bool>(false)
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
    /// nobody listens now; the tap sees it too.
    func report(_ change: TransportEvent, _ deferred: inout Deferred) {
        let event = EngineEvent(time: now(), kind: .transport(change))
        subscribers.withLock { subscribers in
            subscribers.latestTransport = event
            for queue in subscribers.queues.values where queue.push(event) { deferred.wake(queue) }
            if let tap = subscribers.tap {
                tap.transportChanged(change, at: event.time)
                deferred.flush(tap)
            }
        }
    }

    /// Ends every subscription (after the engine's final event); later ones end at once. The tap
    /// finishes.
    func finish(_ deferred: inout Deferred) {
        subscribers.withLock { subscribers in
            subscribers.isFinished = true
            for queue in subscribers.queues.values where queue.finish() { deferred.wake(queue) }
            subscribers.queues.removeAll()
            if let tap = subscribers.tap {
                tap.finished()
                deferred.flush(tap)
            }
            subscribers.tap = nil
        }
        subscriberCount.store(0, ordering: .relaxed)
        isTapped.store(false, ordering: .relaxed)
    }

    // MARK: The tap

    /// Installs `tap`, handing it the latest transport change first (under the lock, so that no
    /// change reported meanwhile comes before it); on a finished hub, the tap finishes at once.
    func install(_ tap: any TrafficTap) {
        subscribers.withLock { subscribers in
            if let latest = subscribers.latestTransport, case .transport(let change) = latest.kind {
                tap.transportChanged(change, at: latest.time)
            }
            guard !subscribers.isFinished else { return tap.finished() }
            subscribers.tap = tap
            isTapped.store(true, ordering: .relaxed)
        }
    }

    /// The tap, when there is one: one atomic load when there is none.
    private var tap: (any TrafficTap)? {
        guard isTapped.load(ordering: .relaxed) else { return nil }
        return subscribers.withLock { $0.tap }
    }

    /// Whether a tap is installed (so that a frame's bytes are worth handing on).
    var hasTap: Bool { isTapped.load(ordering: .relaxed) }

    /// Publishes `messageReceived` and hands the message to the tap with `json`, its text as it
    /// arrived, at the same time (one clock reading for both); the tap is flushed once the locks
    /// are released unless `flushing` is false (a message held until the end of its read, `flushTap()`).
    func received(_ message: Message, json: UnsafeRawBufferPointer?, flushing: Bool, _ deferred: inout Deferred) {
        guard let tap else { return publish(.messageReceived(message), &deferred) }
        let time = now()
        publish(.messageReceived(message), at: time, &deferred)
        tap.received(message, json: json, at: time)
        if flushing { deferred.flush(tap) }
    }

    /// Publishes `messageSent` and hands the message to the tap (one clock reading for both).
    func sent(_ message: Message, _ deferred: inout Deferred) {
        guard let tap else { return publish(.messageSent(message), &deferred) }
        let time = now()
        publish(.messageSent(message), at: time, &deferred)
        tap.sent(message, at: time)
        deferred.flush(tap)
    }

    /// Flushes the tap (at the end of a read); call it with no lock held.
    func flushTap() {
        tap?.flush()
    }
}
