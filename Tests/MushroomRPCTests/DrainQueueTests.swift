@testable import MushroomRPC
import Testing

struct DrainQueueTests {
    @Test func onlyThePushAfterADrainAsksForOneAndADrainTakesEverythingInOrder() {
        let queue = DrainQueue<Int>()
        #expect(queue.push(1))
        #expect(!queue.push(2))
        #expect(!queue.push(3))
        #expect(queue.drain() == [1, 2, 3])
        #expect(queue.drain() == [])
        #expect(queue.push(4))
        #expect(queue.drain() == [4])
    }

    @Test func afterCloseNothingIsQueuedButWhatWasQueuedIsStillDrained() {
        let queue = DrainQueue<Int>()
        #expect(queue.push(1))
        queue.close()
        #expect(!queue.push(2))
        #expect(queue.drain() == [1])
        #expect(!queue.push(3))
        #expect(queue.drain() == [])
    }
}
