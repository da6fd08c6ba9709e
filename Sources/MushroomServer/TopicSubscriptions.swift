/// The topic patterns one session subscribed to, kept in the server's `TopicIndex`. A session that
/// never subscribed receives every publication (the reference's broadcast behaviour); once it
/// subscribes, only matching ones.
///
/// At most `limit` patterns are held: a subscription that would pass it changes nothing and is
/// refused, so one client cannot make the server hold and index an unbounded number of patterns.
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

    /// The most patterns one session may hold.
    public let limit: Int
    private let index: TopicIndex<Session>
    private let sessionID: String

    /// The subscriptions of session `sessionID`, held in `index` (the server's).
    init(index: TopicIndex<Session>, sessionID: String, limit: Int) {
        self.index = index
        self.sessionID = sessionID
        self.limit = limit
    }

    /// The patterns subscribed to, in subscription order; `nil` when the session never subscribed.
    public var current: [TopicPattern]? { index.patterns(of: sessionID) }

    /// Adds patterns (those already present are kept once); returns the patterns now subscribed.
    /// Throws, changing nothing, when the session would then hold more than `limit`.
    @discardableResult
    public func subscribe(_ added: [TopicPattern]) throws(LimitExceeded) -> [TopicPattern] {
        try index.update(sessionID) { patterns throws(LimitExceeded) in
            patterns.append(contentsOf: added)
            guard patterns.count <= limit else { throw LimitExceeded(limit: limit, requested: patterns.count) }
        }
    }

    /// Removes patterns (written exactly as subscribed); returns the patterns now subscribed.
    /// Unsubscribing everything leaves an empty list: the session then receives no publication.
    @discardableResult
    public func unsubscribe(_ removed: [TopicPattern]) -> [TopicPattern] {
        index.update(sessionID) { $0.subtract(removed) }
    }
}
