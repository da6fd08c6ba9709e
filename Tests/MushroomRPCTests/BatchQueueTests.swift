@testable import MushroomRPC
import Testing

struct BatchQueueTests {
    @Test func takesEverythingQueuedAtOnceInOrder() async {
        let queue = BatchQueue<Message>()
        let messages: [Message] = [.notification(.init(id: 0, method: "a")), .request(.init(id: 1, method: "b")), .disconnect]
        for message in messages { queue.push(message) }
        #expect(await queue.next() == messages)
        queue.push(.heartbeat(.init(lastMessageID: 4)))
        #expect(await queue.next() == [.heartbeat(.init(lastMessageID: 4))])
    }

    @Test func aWaitingTakerGetsTheNextPushAndNilAfterFinish() async {
        let queue = BatchQueue<Message>()
        let taker = Task { await queue.next() }
        queue.push(.disconnect)
        #expect(await taker.value == [.disconnect])
        queue.finish()
        queue.push(.disconnect)
        #expect(await queue.next() == nil)
    }

    @Test func whatWasQueuedBeforeFinishIsStillTaken() async {
        let queue = BatchQueue<Int>()
        queue.push(1)
        queue.push(2)
        queue.finish()
        #expect(await queue.next() == [1, 2])
        #expect(await queue.next() == nil)
    }

    @Test func cancellingTheTakerEndsTheQueue() async {
        let queue = BatchQueue<Int>()
        let taker = Task { await queue.next() }
        taker.cancel()
        #expect(await taker.value == nil)
        queue.push(1)
        #expect(await queue.next() == nil)
    }

    @Test func elementsPushedHoldingTheWakeReachAWaitingTakerAtWakeConsumer() async throws {
        let queue = BatchQueue<Int>()
        let taker = Task { await queue.next() }
        try await eventually { queue.isConsumerWaiting }
        queue.pushHoldingWake(1)
        queue.pushHoldingWake(2)
        #expect(queue.isConsumerWaiting)
        queue.wakeConsumer()
        #expect(await taker.value == [1, 2])
        queue.wakeConsumer()
        queue.pushHoldingWake(3)
        #expect(await queue.next() == [3])
    }
}
