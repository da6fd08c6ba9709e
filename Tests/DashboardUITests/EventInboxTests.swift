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

    @Test func beyondCapacityTheOldestAreDroppedAndCounted() {
        let inbox = EventInbox(capacity: 2)
        for id in 1...5 { inbox.post(Self.event(id)) }
        let (events, dropped) = inbox.drain()
        #expect(Self.ids(events) == [4, 5])
        #expect(dropped == 3)
    }

    @Test func pumpPostsAStream() async {
        let inbox = EventInbox()
        let (stream, continuation) = AsyncStream<EngineEvent>.makeStream()
        continuation.yield(Self.event(7))
        continuation.finish()
        await inbox.pump(stream)
        #expect(Self.ids(inbox.drain().events) == [7])
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
