import Foundation
import Synchronization
import Testing

@testable import MushroomRPC

/// A subscription that drops events counts the notifications among them by method, for a
/// bounded number of method names, with the time span they arrived in; it hands that tally with
/// the next batch, and only when something was dropped.
@Suite struct DroppedNotificationTests {
    static let origin = Date(timeIntervalSinceReferenceDate: 800_000_000)

    static func notification(_ id: MessageID, _ method: String, at seconds: Double) -> EngineEvent {
        EngineEvent(time: origin.addingTimeInterval(seconds), kind: .messageReceived(.notification(.init(id: id, method: method))))
    }

    static func violation(at seconds: Double) -> EngineEvent {
        EngineEvent(time: origin.addingTimeInterval(seconds), kind: .protocolError("bad frame"))
    }

    @Test func droppedNotificationsAreCountedByMethodWithTheirTimeSpan() throws {
        let queue = EventSubscription.Queue(limit: 2)
        let methods = ["a", "b", "a", "c", "a", "b", "kept", "kept"]
        _ = queue.push(Self.violation(at: 0))
        for (id, method) in methods.enumerated() { _ = queue.push(Self.notification(id, method, at: 1 + Double(id) / 10)) }
        let batch = queue.drain()
        #expect(batch.events.count == 2)
        #expect(batch.dropped == 7)
        let dropped = try #require(batch.droppedNotifications)
        #expect(dropped.byMethod == ["a": 3, "b": 2, "c": 1])
        #expect(dropped.unnamed == 0)
        #expect(dropped.total == 6)
        #expect(dropped.first == Self.origin.addingTimeInterval(1))
        #expect(dropped.last == Self.origin.addingTimeInterval(1.5))
    }

    @Test func noTallyWhenNothingWasDroppedOrOnlyOtherEvents() {
        let queue = EventSubscription.Queue(limit: 3)
        for id in 0..<3 { _ = queue.push(Self.notification(id, "a", at: 0)) }
        let full = queue.drain()
        #expect(full.dropped == 0)
        #expect(full.droppedNotifications == nil)
        for second in 0..<5 { _ = queue.push(Self.violation(at: Double(second))) }
        let others = queue.drain()
        #expect(others.dropped == 2)
        #expect(others.droppedNotifications == nil)
    }

    @Test func eachDrainHandsTheTallySinceTheLastOne() throws {
        let queue = EventSubscription.Queue(limit: 1)
        for id in 0..<4 { _ = queue.push(Self.notification(id, "a", at: Double(id))) }
        #expect(try #require(queue.drain().droppedNotifications).byMethod == ["a": 3])
        _ = queue.push(Self.notification(4, "b", at: 4))
        _ = queue.push(Self.notification(5, "b", at: 5))
        let next = try #require(queue.drain().droppedNotifications)
        #expect(next.byMethod == ["b": 1])
        #expect(next.first == Self.origin.addingTimeInterval(4))
        #expect(queue.drain().droppedNotifications == nil)
    }

    @Test func methodsBeyondTheLimitAreCountedTogether() throws {
        let limit = EventSubscription.droppedMethodLimit
        let queue = EventSubscription.Queue(limit: 1)
        for id in 0..<(limit + 100) { _ = queue.push(Self.notification(id, "m\(id)", at: 0)) }
        for id in 0..<10 { _ = queue.push(Self.notification(limit + 100 + id, "m0", at: 0)) }
        _ = queue.push(Self.notification(limit + 110, "last", at: 0))
        let dropped = try #require(queue.drain().droppedNotifications)
        #expect(dropped.byMethod.count == limit)
        #expect(dropped.byMethod["m0"] == 11)
        #expect(dropped.byMethod["m\(limit - 1)"] == 1)
        #expect(dropped.byMethod["m\(limit)"] == nil)
        #expect(dropped.unnamed == 100)
        #expect(dropped.total == limit + 110)
    }

    @Test func anEngineSubscriptionTalliesTheNotificationsItReceived() throws {
        var configuration = EngineConfiguration()
        configuration.eventBufferLimit = 4
        let clock = Mutex(Self.origin)
        configuration.now = { clock.withLock { $0 } }
        let engine = Engine(handler: ClosureHandler { _ in .null }, configuration: configuration)
        let subscription = engine.events()
        for id in 0..<10 {
            clock.withLock { $0 = Self.origin.addingTimeInterval(Double(id)) }
            engine.receive(.notification(.init(id: id, method: id % 2 == 0 ? "even" : "odd")))
        }
        let batch = subscription.drain()
        #expect(batch.events.compactMap(\.kind.notificationID) == [6, 7, 8, 9])
        let dropped = try #require(batch.droppedNotifications)
        #expect(dropped.byMethod == ["even": 3, "odd": 3])
        #expect(dropped.first == Self.origin)
        #expect(dropped.last == Self.origin.addingTimeInterval(5))
        #expect(batch.dropped == 6)
    }
}

extension EngineEvent.Kind {
    fileprivate var notificationID: MessageID? {
        if case .messageReceived(.notification(let notification)) = self { notification.id } else { nil }
    }
}
