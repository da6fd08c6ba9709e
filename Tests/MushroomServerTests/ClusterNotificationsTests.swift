import MushroomRPC
import MushroomTestSupport
import Testing

@testable import MushroomServer

/// How a node turns a batch read from its cluster's log into what each session takes at once.
@Suite struct ClusterNotificationsTests {
    private static let epoch = "e1"

    private static func stored(_ offset: Int64, _ audience: Publication.Audience, _ method: String, _ data: JSONValue = .null) -> StoredPublication {
        StoredPublication(offset: offset, publication: Publication(audience: audience, method: method, data: data))
    }

    private static func run(_ publications: [StoredPublication], logger collector: LogCollector = LogCollector()) -> ClusterNotifications {
        ClusterNotifications(publications[...], epoch: epoch, logger: collector.logger())
    }

    @Test func aBatchSplitsIntoRunsThatReachTheSameSessions() {
        let batch = [
            Self.stored(1, .everySession, "a"), Self.stored(2, .everySession, "b"),
            Self.stored(3, .topicSubscribers, "t"), Self.stored(4, .topicSubscribers, "t"),
            Self.stored(5, .topicSubscribers, "u"), Self.stored(6, .everySession, "c"),
        ]
        #expect(batch.runsOfOneAudience() == [0..<2, 2..<4, 4..<5, 5..<6])
        #expect([StoredPublication]().runsOfOneAudience() == [])
    }

    @Test func aSessionTakesTheRunAfterItsFloorAndNothingWhileHeld() {
        var notifications = Self.run([Self.stored(5, .everySession, "a"), Self.stored(6, .everySession, "b"), Self.stored(7, .everySession, "c")])
        #expect(notifications.taken(by: ClusterDelivery()).map(\.method) == ["a", "b", "c"])
        #expect(notifications.taken(by: ClusterDelivery(floor: 6)).map(\.method) == ["c"])
        #expect(notifications.taken(by: ClusterDelivery(floor: 7)).isEmpty)
        #expect(notifications.taken(by: ClusterDelivery(isHeld: true)).isEmpty)
    }

    @Test func positionsGoOnlyToSessionsThatAskedForThem() {
        var notifications = Self.run([Self.stored(5, .topicSubscribers, "t"), Self.stored(6, .topicSubscribers, "t")])
        #expect(notifications.taken(by: ClusterDelivery()).map(\.position) == [nil, nil])
        #expect(notifications.taken(by: ClusterDelivery(isPositioned: true, floor: 5)).map(\.position) == [StreamPosition(epoch: Self.epoch, offset: 6)])
        #expect(notifications.all(positioned: true).map(\.position?.offset) == [5, 6])
    }

    @Test func dataTooDeepIsLeftOutOnceAndTheRestOfTheRunIsDelivered() {
        let tooDeep = (0...Message.maximumDataDepth).reduce(JSONValue.integer(1)) { inner, _ in .array([inner]) }
        let collector = LogCollector()
        var notifications = Self.run(
            [Self.stored(5, .everySession, "a"), Self.stored(6, .everySession, "deep", tooDeep), Self.stored(7, .everySession, "c")],
            logger: collector)
        #expect(notifications.taken(by: ClusterDelivery()).map(\.method) == ["a", "c"])
        #expect(notifications.taken(by: ClusterDelivery(isPositioned: true, floor: 6)).map(\.position?.offset) == [7])
        #expect(collector.lines == ["cluster: publication 6 of epoch e1 not delivered: its data is nested too deep"])
    }
}
