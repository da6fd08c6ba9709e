import Synchronization

/// The topic patterns one session subscribed to. A session that never subscribed receives every
/// publication (the reference's broadcast behaviour); once it subscribes, only matching ones.
public final class TopicSubscriptions: Sendable {
    private let patterns = Mutex<[TopicPattern]?>(nil)

    public init() {}

    /// The patterns subscribed to, in subscription order; `nil` when the session never subscribed.
    public var current: [TopicPattern]? { patterns.withLock { $0 } }

    /// Adds patterns (those already present are kept once); returns the patterns now subscribed.
    @discardableResult
    public func subscribe(_ added: [TopicPattern]) -> [TopicPattern] {
        patterns.withLock { patterns in
            var list = patterns ?? []
            for pattern in added where !list.contains(pattern) { list.append(pattern) }
            patterns = list
            return list
        }
    }

    /// Removes patterns (written exactly as subscribed); returns the patterns now subscribed.
    /// Unsubscribing everything leaves an empty list: the session then receives no publication.
    @discardableResult
    public func unsubscribe(_ removed: [TopicPattern]) -> [TopicPattern] {
        patterns.withLock { patterns in
            let list = (patterns ?? []).filter { !removed.contains($0) }
            patterns = list
            return list
        }
    }

    /// Whether a publication on `topic` is delivered.
    public func accepts(_ topic: String) -> Bool {
        patterns.withLock { patterns in
            guard let patterns else { return true }
            return patterns.contains { $0.matches(topic) }
        }
    }
}
