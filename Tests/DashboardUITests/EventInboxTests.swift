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

    @Test func drainTakesEverythingInOrder() {
        let inbox = EventInbox()
        for id in 1...3 { inbox.post(Self.event(id)) }
        let (events, dropped) = inbox.drain()
        #expect(Self.ids(events) == [1, 2, 3])
        #expect(dropped == 0)
        #expect(inbox.drain().events.isEmpty)
    }

    @Test func theAttachedSubscriptionFollowsThePostedEventsAndItsDropsAreCountedExactly() {
        var configuration = EngineConfiguration()
        configuration.eventBufferLimit = 3
        let engine = Engine(configuration: configuration)
        let inbox = EventInbox()
        inbox.post(Self.event(1))
        inbox.attach(engine.events())
        for index in 0..<10 { engine.reportProtocolViolation("\(index)") }
        let (events, dropped) = inbox.drain()
        #expect(Self.ids(events) == [1])
        #expect(events.dropFirst().map { "\($0.kind)" } == ["7", "8", "9"].map { #"protocolError("\#($0)")"# })
        #expect(dropped == 7)
        engine.reportProtocolViolation("next")
        let next = inbox.drain()
        #expect(next.events.count == 1)
        #expect(next.dropped == 0)
    }

    @Test func aCloseReasonOutlivesDrainsAndTheFirstWins() {
        let inbox = EventInbox()
        #expect(inbox.closeReason == nil)
        inbox.post(Self.event(1))
        inbox.close(reason: "refused")
        inbox.close(reason: "later")
        #expect(Self.ids(inbox.drain().events) == [1])
        #expect(inbox.closeReason == "refused")
    }
}
