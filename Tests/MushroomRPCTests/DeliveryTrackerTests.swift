@testable import MushroomRPC
import Testing

struct DeliveryTrackerTests {
    @Test func waitEndsOnceTheIDIsDelivered() async throws {
        let tracker = DeliveryTracker()
        tracker.delivered(through: 3)
        try await tracker.wait(for: 2)
        let waiter = Task { try await tracker.wait(for: 5) }
        tracker.delivered(through: 5)
        try await waiter.value
    }

    @Test func resetFailsWaitersWithConnectionLost() async {
        let tracker = DeliveryTracker()
        let waiter = Task { try await tracker.wait(for: 0) }
        while true {
            // The waiter must be registered before the reset.
            await Task.yield()
            if tracker.waiterCount == 1 { break }
        }
        tracker.reset(reason: "gone")
        await #expect(throws: ConnectionLost("gone")) { try await waiter.value }
    }
}
