@testable import MushroomServer
import MushroomTestSupport
import Testing

/// The topic index on its own: which subscribers a publication on a topic reaches, as sessions
/// subscribe, unsubscribe and end.
struct TopicIndexTests {
    final class Subscriber: Sendable {
        let name: String
        init(_ name: String) { self.name = name }
    }

    /// An index with members `names`, each subscribed to its patterns (`nil`: never subscribed).
    static func index(_ members: [(String, [String]?)]) throws -> TopicIndex<Subscriber> {
        let index = TopicIndex<Subscriber>()
        for (name, patterns) in members {
            index.add(Subscriber(name), id: name)
            if let patterns { try subscribe(index, name, patterns) }
        }
        return index
    }

    static func subscribe(_ index: TopicIndex<Subscriber>, _ id: String, _ patterns: [String]) throws {
        let parsed = try patterns.map { try TopicPattern($0) }
        _ = index.update(id) { $0.append(contentsOf: parsed) }
    }

    static func unsubscribe(_ index: TopicIndex<Subscriber>, _ id: String, _ patterns: [String]) throws {
        let parsed = try patterns.map { try TopicPattern($0) }
        _ = index.update(id) { $0.subtract(parsed) }
    }

    /// The names reached by a publication on `topic`, sorted; each name once.
    static func reached(_ index: TopicIndex<Subscriber>, _ topic: String) -> [String] {
        index.subscribers(of: topic).map(\.name).sorted()
    }

    @Test func literalPatternsReachTheirTopicOnlyAndTheUnsubscribedReachEverything() throws {
        let index = try Self.index([("a", ["orders.created"]), ("b", ["orders.shipped", "metrics.cpu"]), ("c", nil)])
        #expect(Self.reached(index, "orders.created") == ["a", "c"])
        #expect(Self.reached(index, "orders.shipped") == ["b", "c"])
        #expect(Self.reached(index, "metrics.cpu") == ["b", "c"])
        #expect(Self.reached(index, "orders") == ["c"])
        #expect(Self.reached(index, "orders.created.eu") == ["c"])
    }

    @Test func oneStarMatchesExactlyOneSegment() throws {
        let index = try Self.index([("a", ["orders.*"]), ("b", ["*.cpu"]), ("c", ["*"])])
        #expect(Self.reached(index, "orders.created") == ["a"])
        #expect(Self.reached(index, "orders.eu.created") == [])
        #expect(Self.reached(index, "orders") == ["c"])
        #expect(Self.reached(index, "orders.") == ["a"])  // an empty segment is a segment
        #expect(Self.reached(index, "metrics.cpu") == ["b"])
        #expect(Self.reached(index, "") == ["c"])
    }

    @Test func hashAndDoubleStarMatchZeroOrMoreSegments() throws {
        let index = try Self.index([("a", ["alerts.#"]), ("b", ["alerts.**"]), ("c", ["#"]), ("d", ["alerts.*.full"])])
        #expect(Self.reached(index, "alerts") == ["a", "b", "c"])
        #expect(Self.reached(index, "alerts.disk") == ["a", "b", "c"])
        #expect(Self.reached(index, "alerts.disk.full") == ["a", "b", "c", "d"])
        #expect(Self.reached(index, "alertsx.disk") == ["c"])
        #expect(Self.reached(index, "") == ["c"])
    }

    @Test func aSubscriberMatchingSeveralWaysIsReachedOnce() throws {
        let index = try Self.index([("a", ["a.b", "a.*", "a.#", "#", "*.b"]), ("b", ["a.b"])])
        #expect(Self.reached(index, "a.b") == ["a", "b"])
        #expect(Self.reached(index, "a.c") == ["a"])
    }

    @Test func unsubscribingRemovesOnlyThePatternWrittenAsSubscribed() throws {
        let index = try Self.index([("a", ["alerts.#", "alerts.**", "orders.created"])])
        try Self.unsubscribe(index, "a", ["alerts.#"])
        #expect(Self.reached(index, "alerts.disk") == ["a"])  // still held as alerts.**
        try Self.unsubscribe(index, "a", ["alerts.**"])
        #expect(Self.reached(index, "alerts.disk") == [])
        #expect(Self.reached(index, "orders.created") == ["a"])
        try Self.unsubscribe(index, "a", ["orders.created"])
        // Unsubscribed from everything: no publication, not every publication.
        #expect(Self.reached(index, "orders.created") == [])
        #expect(index.patterns(of: "a") == [])
    }

    @Test func unsubscribingBeforeSubscribingLeavesTheSubscriberWithNoPublication() throws {
        let index = try Self.index([("a", nil)])
        #expect(Self.reached(index, "x") == ["a"])
        try Self.unsubscribe(index, "a", ["x"])
        #expect(Self.reached(index, "x") == [])
    }

    @Test func anEndedSubscriberIsReachedByNothingAndKeepsNoPatterns() throws {
        let index = try Self.index([("a", ["orders.*", "metrics.cpu"]), ("b", nil), ("c", ["orders.*"])])
        index.remove(id: "a")
        index.remove(id: "b")
        #expect(Self.reached(index, "orders.created") == ["c"])
        #expect(Self.reached(index, "metrics.cpu") == [])
        // A subscription arriving after the end changes nothing.
        try Self.subscribe(index, "a", ["#"])
        #expect(Self.reached(index, "metrics.cpu") == [])
        #expect(index.patterns(of: "a") == nil)
    }

    @Test func aRefusedChangeChangesNothing() throws {
        struct Refused: Error {}
        let index = try Self.index([("a", ["x"])])
        let y = try TopicPattern("y")
        #expect(throws: Refused.self) {
            _ = try index.update("a") { patterns throws(Refused) in
                patterns.append(y)
                throw Refused()
            }
        }
        #expect(index.patterns(of: "a")?.map(\.description) == ["x"])
        #expect(Self.reached(index, "y") == [])
    }

    /// Seeded random subscriptions, unsubscriptions and ends: the index reaches exactly whom
    /// `TopicPattern.matches` says, with the unsubscribed reaching everything.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func agreesWithMatchingEverySubscriberOneByOne(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let segments = ["a", "b", "c", "*"]
        func pattern() -> String {
            var parts = (0..<Int.random(in: 0...3, using: &random)).map { _ in segments.randomElement(using: &random)! }
            if parts.isEmpty || Bool.random(using: &random) { parts.append(Bool.random(using: &random) ? "#" : "**") }
            return parts.joined(separator: ".")
        }
        let topics = (0..<60).map { _ in
            (0..<Int.random(in: 1...4, using: &random)).map { _ in ["a", "b", "c", ""].randomElement(using: &random)! }.joined(separator: ".")
        }
        let index = TopicIndex<Subscriber>()
        var expected: [String: Set<String>?] = [:]  // nil: never subscribed
        for step in 0..<400 {
            let name = "s\(Int.random(in: 0..<12, using: &random))"
            switch (expected[name], Int.random(in: 0..<10, using: &random)) {
            case (nil, _):
                index.add(Subscriber(name), id: name)
                expected[name] = .some(nil)
            case (_, 0):
                index.remove(id: name)
                expected[name] = nil
            case (_, 1...3):
                let removed = (0..<2).map { _ in pattern() }
                try Self.unsubscribe(index, name, removed)
                expected[name] = .some((expected[name]! ?? []).subtracting(removed))
            default:
                let added = (0..<2).map { _ in pattern() }
                try Self.subscribe(index, name, added)
                expected[name] = .some((expected[name]! ?? []).union(added))
            }
            for topic in topics {
                let matching = try expected.filter { _, patterns in
                    try patterns.map { try $0.contains { try TopicPattern($0).matches(topic) } } ?? true
                }.keys.sorted()
                #expect(Self.reached(index, topic) == matching, "step \(step), topic '\(topic)'")
            }
        }
    }
}
