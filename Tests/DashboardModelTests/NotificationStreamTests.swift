import DashboardModel
import Foundation
import MushroomRPC
import Testing

@Suite("Notification stream")
struct NotificationStreamTests {
    private func model(capacity: Int = 100, rows: Int = 3) -> DashboardModel {
        var configuration = DashboardConfiguration()
        configuration.streamCapacity = capacity
        var model = DashboardModel(configuration: configuration)
        model.perform(.layout(DashboardLayout(streamRows: rows)))
        return model
    }

    @Test func ringOverflowCountsDroppedEntries() {
        var model = model(capacity: 5)
        for id in 0..<12 { model.ingest(Timeline.notification(id, "tick", .integer(Int64(id)), at: 0.05)) }
        let stream = model.snapshot(at: Timeline.at(0.05)).stream
        #expect(stream.totalReceived == 12)
        #expect(stream.retained == 5)
        #expect(stream.dropped == 7)
        #expect(stream.viewCount == 5)
        #expect(stream.rows.map(\.id) == [9, 10, 11])
        #expect(stream.hiddenAbove == 2)
        #expect(stream.hiddenBelow == 0)
    }

    @Test func clearEmptiesTheListButKeepsCounters() {
        var model = model(capacity: 5)
        for id in 0..<7 { model.ingest(Timeline.notification(id, "tick", at: 0.05)) }
        model.perform(.clear)
        model.ingest(Timeline.notification(7, "tick", at: 0.05))
        let stream = model.snapshot(at: Timeline.at(0.05)).stream
        #expect(stream.rows.map(\.id) == [7])
        #expect(stream.retained == 1)
        #expect(stream.dropped == 2)
        #expect(stream.totalReceived == 8)
        #expect(stream.methods.map(\.count) == [8])
    }
}
