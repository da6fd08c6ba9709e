import DashboardModel
import DashboardUI
import Foundation
import MushroomRPC
import Testing

@Suite struct EventInboxTests {
    static func event(_ id: Int) -> EngineEvent {
        EngineEvent(time: Date(timeIntervalSince1970: 0), kind: .duplicateDropped(id))
    }

    static func ids(_ events: [EngineEvent]) -> [Int] {
        events.compactMap { if case .duplicateDropped(let id) = $0.kind { id } else { nil } }
    }

    /// The one server's batch of a drain (an empty one when nothing waited).
    static func drained(_ inbox: EventInbox) -> EventSubscription.Batch {
        let batches = inbox.drain()
        #expect(batches.map(\.server).allSatisfy { $0 == 0 })
        return batches.first?.batch ?? EventSubscription.Batch(events: [])
    }

    @Test func drainTakesEverythingInOrder() {
        let inbox = EventInbox()
        for id in 1...3 { inbox.post(Self.event(id)) }
        let batch = Self.drained(inbox)
        #expect(Self.ids(batch.events) == [1, 2, 3])
        #expect(batch.dropped == 0)
        #expect(Self.drained(inbox).events.isEmpty)
    }

    @Test func theAttachedSubscriptionFollowsThePostedEventsAndItsDropsAreCountedExactly() {
        var configuration = EngineConfiguration()
        configuration.eventBufferLimit = 3
        let engine = Engine(configuration: configuration)
        let inbox = EventInbox()
        inbox.post(Self.event(1))
        inbox.attach(engine.events())
        for index in 0..<10 { engine.reportProtocolViolation("\(index)") }
        let batch = Self.drained(inbox)
        #expect(Self.ids(batch.events) == [1])
        #expect(batch.events.dropFirst().map { "\($0.kind)" } == ["7", "8", "9"].map { #"protocolError("\#($0)")"# })
        #expect(batch.dropped == 7)
        #expect(batch.droppedNotifications == nil)
        engine.reportProtocolViolation("next")
        let next = Self.drained(inbox)
        #expect(next.events.count == 1)
        #expect(next.dropped == 0)
    }

    @Test func theDroppedNotificationsComeWithThePostedEvents() throws {
        var configuration = EngineConfiguration()
        configuration.eventBufferLimit = 2
        let engine = Engine(handler: ClosureHandler { _ in .null }, configuration: configuration)
        let inbox = EventInbox()
        inbox.post(Self.event(1))
        inbox.attach(engine.events())
        for id in 0..<5 { engine.receive(.notification(.init(id: id, method: "tick"))) }
        let batch = Self.drained(inbox)
        #expect(Self.ids(batch.events) == [1])
        #expect(batch.events.count == 3)
        #expect(batch.dropped == 3)
        #expect(try #require(batch.droppedNotifications).byMethod == ["tick": 3])
    }

    @Test func aCloseReasonOutlivesDrainsAndTheFirstWins() {
        let inbox = EventInbox()
        #expect(inbox.closeReason == nil)
        inbox.post(Self.event(1))
        inbox.close(reason: "refused")
        inbox.close(reason: "later")
        #expect(Self.ids(Self.drained(inbox).events) == [1])
        #expect(inbox.closeReason == "refused")
    }

    @Test func eachServerHasItsOwnSubscriptionAndDropsOnlyItsOwnEvents() {
        var configuration = EngineConfiguration()
        configuration.eventBufferLimit = 3
        let (flooding, quiet) = (Engine(configuration: configuration), Engine(configuration: configuration))
        let inbox = EventInbox()
        inbox.post(Self.event(1), server: 1)
        inbox.attach(flooding.events(), server: 0)
        inbox.attach(quiet.events(), server: 1)
        for index in 0..<10 { flooding.reportProtocolViolation("\(index)") }
        quiet.reportProtocolViolation("quiet")
        let batches = inbox.drain()
        #expect(batches.map(\.server) == [0, 1])
        #expect(batches[0].batch.events.count == 3)
        #expect(batches[0].batch.dropped == 7)
        #expect(Self.ids(batches[1].batch.events) == [1])
        #expect(batches[1].batch.events.map { "\($0.kind)" }.last == #"protocolError("quiet")"#)
        #expect(batches[1].batch.dropped == 0)
        #expect(inbox.postedCount == 0)
        quiet.reportProtocolViolation("again")
        #expect(inbox.drain().map(\.server) == [1])
    }
}
