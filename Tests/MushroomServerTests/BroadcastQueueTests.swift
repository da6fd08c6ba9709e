import MushroomRPC
import Testing

@testable import MushroomServer

/// `BroadcastQueue`: a broadcast made while no pass is under way is its caller's to deliver at
/// once; those made during a pass wait, in order, for the next one, at most `limit` of them.
@Suite struct BroadcastQueueTests {
    @Test func aBroadcastAloneIsDeliveredByItsCaller() {
        let queue = BroadcastQueue<Int>(limit: 10)
        #expect(queue.submit(1) == .deliver([1]))
        #expect(queue.nextPass() == nil)
        #expect(queue.submit(2) == .deliver([2]))
    }

    @Test func broadcastsMadeDuringAPassWaitForTheNextTogetherInOrder() {
        let queue = BroadcastQueue<Int>(limit: 10)
        #expect(queue.submit(1) == .deliver([1]))
        #expect(queue.submit(2) == .waiting)
        #expect(queue.submit(3) == .waiting)
        #expect(queue.nextPass() == [2, 3])
        // Still under way: the pass of 2 and 3 is being delivered.
        #expect(queue.submit(4) == .waiting)
        #expect(queue.nextPass() == [4])
        #expect(queue.nextPass() == nil)
        #expect(queue.submit(5) == .deliver([5]))
    }

    @Test func beyondTheLimitABroadcastIsRefusedAndTheNextPassTakesMore() {
        let queue = BroadcastQueue<Int>(limit: 2)
        #expect(queue.submit(1) == .deliver([1]))
        #expect(queue.submit(2) == .waiting)
        #expect(queue.submit(3) == .waiting)
        #expect(queue.submit(4) == .refused(waiting: 2))
        #expect(queue.nextPass() == [2, 3])
        #expect(queue.submit(5) == .waiting)
        #expect(queue.nextPass() == [5])
    }

    @Test func theRefusalSaysWhy() {
        #expect(PublicationRefused.deliveryBacklogFull(waiting: 10_000).replyData == .string(
            "publication refused: 10000 broadcasts and publications are waiting to be delivered to this server's sessions, "
                + "the most it keeps (its sessions take them more slowly than they are made)"))
    }

    @Test func everyBroadcastOfManyCallersIsDeliveredOnce() async {
        let queue = BroadcastQueue<Int>(limit: 1_000)
        let delivered = await withTaskGroup(of: [Int].self) { group in
            for n in 0..<1_000 {
                group.addTask {
                    guard case .deliver(var pass) = queue.submit(n) else { return [] }
                    var mine: [Int] = []
                    while true {
                        mine += pass
                        guard let next = queue.nextPass() else { return mine }
                        pass = next
                    }
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(delivered.sorted() == Array(0..<1_000))
    }
}
