import OrderedCollections
import Synchronization

/// The topic patterns one session subscribed to. A session that never subscribed receives every
/// publication (the reference's broadcast behaviour); once it subscribes, only matching ones.
///
/// At most `limit` patterns are held: a subscription that would pass it changes nothing and is
/// refused, so one client cannot make every publication cost the server unbounded matching.
public final class TopicSubscriptions: Sendable {
    /// A subscription would hold more patterns than the session may.
    public struct LimitExceeded: Error, Hashable, CustomStringConvertible {
        /// The most patterns a session may hold.
        public let limit: Int
        /// How many patterns the subscription would have left the session with.
        public let requested: Int
        public var description: String {
            "subscribing would hold \(requested) topic patterns; a session holds at most \(limit)"
        }
    }

    private let patterns = Mutex<OrderedSet<TopicPattern>?>(nil)
    /// The most patterns one session may hold.
    public let limit: Int

    public init(limit: Int = MushroomServerConfiguration.defaultMaximumSubscriptions) {
        self.limit = limit
    }

    /// The patterns subscribed to, in subscription order; `nil` when the session never subscribed.
    public var current: [TopicPattern]? { patterns.withLock { $0.map { Array($0) } } }

    /// Adds patterns (those already present are kept once); returns the patterns now subscribed.
    /// Throws, changing nothing, when the session would then hold more than `limit`.
    @discardableResult
    public func subscribe(_ added: [TopicPattern]) throws(LimitExceeded) -> [TopicPattern] {
        try patterns.withLock { patterns throws(LimitExceeded) in
            var set = patterns ?? []
            set.append(contentsOf: added)
            guard set.count <= limit else { throw LimitExceeded(limit: limit, requested: set.count) }
            patterns = set
            return Array(set)
        }
    }

    /// Removes patterns (written exactly as subscribed); returns the patterns now subscribed.
    /// Unsubscribing everything leaves an empty list: the session then receives no publication.
    @discardableResult
    public func unsubscribe(_ removed: [TopicPattern]) -> [TopicPattern] {
        patterns.withLock { patterns in
            var set = patterns ?? []
            set.subtract(removed)
            patterns = set
            return Array(set)
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
