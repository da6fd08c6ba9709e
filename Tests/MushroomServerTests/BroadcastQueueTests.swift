import Testing

@testable import MushroomServer

/// `BroadcastQueue`: a broadcast made while no pass is under way is its caller's to deliver at
/// once; those made during a pass wait, in order, for the next one.
@Suite struct BroadcastQueueTests {
    @Test func aBroadcastAloneIsDeliveredByItsCaller() {
        let queue = BroadcastQueue<Int>()
        #expect(queue.submit(1) == [1])
        #expect(queue.nextPass() == nil)
        #expect(queue.submit(2) == [2])
    }

    @Test func broadcastsMadeDuringAPassWaitForTheNextTogetherInOrder() {
        let queue = BroadcastQueue<Int>()
        #expect(queue.submit(1) == [1])
        #expect(queue.submit(2) == nil)
        #expect(queue.submit(3) == nil)
        #expect(queue.nextPass() == [2, 3])
        // Still under way: the pass of 2 and 3 is being delivered.
        #expect(queue.submit(4) == nil)
        #expect(queue.nextPass() == [4])
        #expect(queue.nextPass() == nil)
        #expect(queue.submit(5) == [5])
    }

    @Test func everyBroadcastOfManyCallersIsDeliveredOnce() async {
        let queue = BroadcastQueue<Int>()
        let delivered = await withTaskGroup(of: [Int].self) { group in
            for n in 0..<1_000 {
                group.addTask {
                    guard var pass = queue.submit(n) else { return [] }
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
