@testable import MushroomClient
import MushroomRPC
import Testing

struct OutboundQueueTests {
    @Test func takesEverythingQueuedAtOnceInOrder() async {
        let queue = OutboundQueue()
        let messages: [Message] = [.notification(.init(id: 0, method: "a")), .request(.init(id: 1, method: "b")), .disconnect]
        for message in messages { queue.push(message) }
        #expect(await queue.next() == messages)
        queue.push(.heartbeat(.init(lastMessageID: 4)))
        #expect(await queue.next() == [.heartbeat(.init(lastMessageID: 4))])
    }

    @Test func aWaitingTakerGetsTheNextPushAndNilAfterFinish() async {
        let queue = OutboundQueue()
        let taker = Task { await queue.next() }
        queue.push(.disconnect)
        #expect(await taker.value == [.disconnect])
        queue.finish()
        queue.push(.disconnect)
        #expect(await queue.next() == nil)
    }
}
