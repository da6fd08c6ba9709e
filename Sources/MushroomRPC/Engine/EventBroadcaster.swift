import Synchronization

/// Fans events out to any number of `AsyncStream` subscribers; costs one atomic load when nobody listens.
final class EventBroadcaster<Event: Sendable>: Sendable {
    private let subscribers = Mutex<[Int: AsyncStream<Event>.Continuation]>([:])
    private let nextToken = Atomic<Int>(0)
    private let subscriberCount = Atomic<Int>(0)

    /// Whether anyone listens; check before building an expensive event.
    var hasSubscribers: Bool { subscriberCount.load(ordering: .relaxed) > 0 }

    /// A new subscription that begins with `initial`. When `bufferLimit` events wait unread, the
    /// oldest are dropped.
    func subscribe(bufferLimit: Int, startingWith initial: [Event] = []) -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(bufferLimit))
        let token = nextToken.add(1, ordering: .relaxed).newValue
        subscribers.withLock { subscribers in
            // Under the lock, so that no event published meanwhile comes before the initial ones.
            for event in initial { continuation.yield(event) }
            subscribers[token] = continuation
        }
        subscriberCount.add(1, ordering: .relaxed)
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            if self.subscribers.withLock({ $0.removeValue(forKey: token) }) != nil {
                self.subscriberCount.subtract(1, ordering: .relaxed)
            }
        }
        return stream
    }

    func publish(_ event: Event) {
        guard hasSubscribers else { return }
        subscribers.withLock { subscribers in
            for continuation in subscribers.values { continuation.yield(event) }
        }
    }

    /// Ends every subscription.
    func finish() {
        let all = subscribers.withLock { subscribers in
            defer { subscribers.removeAll() }
            return Array(subscribers.values)
        }
        subscriberCount.store(0, ordering: .relaxed)
        for continuation in all { continuation.finish() }
    }
}
