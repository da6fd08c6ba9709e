@testable import DashboardModel
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
        #expect(stream.rows.map(\.id) == [9, 10, 11])
        #expect(stream.hiddenBelow == 0)
    }

    @Test func aDetailOpensEvenWhenNoStreamRowIsVisible() {
        var model = model(rows: 0)
        model.ingest(Timeline.notification(0, "first", at: 0.05))
        model.ingest(Timeline.notification(1, "newest", at: 0.05))
        model.perform(.openDetail)
        #expect(model.snapshot(at: Timeline.at(0.05)).detail?.title == "notification 1 newest")
        model.perform(.moveSelection(-1), .openDetail, .scroll(5))
        #expect(model.snapshot(at: Timeline.at(0.05)).stream.rows.isEmpty)
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

@Suite("Notification stream rates")
struct NotificationRateTests {
    /// 5 notifications at 0.05 s, 3 at 1.25 s, 2 at 9.95 s.
    private func model() -> DashboardModel {
        var model = DashboardModel()
        var id = 0
        for (count, method, time) in [(5, "orders.created", 0.05), (3, "users.seen", 1.25), (2, "orders.created", 9.95)] {
            for _ in 0..<count {
                model.ingest(Timeline.notification(id, method, at: time))
                id += 1
            }
        }
        return model
    }

    @Test func ratesCoverTheLastSecondAndTheLastTenSeconds() {
        let atTen = model().snapshot(at: Timeline.at(10.0)).stream
        #expect(atTen.ratePerSecond1s == 2)
        #expect(atTen.ratePerSecond10s == 0.5)
        let justBefore = model().snapshot(at: Timeline.at(9.99)).stream
        #expect(justBefore.ratePerSecond1s == 2)
        #expect(justBefore.ratePerSecond10s == 1.0)
        let later = model().snapshot(at: Timeline.at(11.5)).stream
        #expect(later.ratePerSecond1s == 0)
        #expect(later.ratePerSecond10s == 0.2)
    }

    @Test func historyHasOneBucketPerSecondEndingWithTheCurrentOne() {
        let stream = model().snapshot(at: Timeline.at(10.0)).stream
        #expect(stream.rateHistory.count == 60)
        #expect(stream.rateHistory.suffix(11) == [5, 3, 0, 0, 0, 0, 0, 0, 0, 2, 0])
        #expect(stream.rateHistory.prefix(49).allSatisfy { $0 == 0 })
    }

    @Test func methodsAreRankedByRecentRateWithTheirOwnCounters() {
        let methods = model().snapshot(at: Timeline.at(9.99)).stream.methods
        #expect(methods.map(\.method) == ["orders.created", "users.seen"])
        #expect(methods.map(\.count) == [7, 3])
        #expect(methods.map(\.ratePerSecond1s) == [2, 0])
        #expect(methods.map(\.ratePerSecond10s) == [0.7, 0.3])
        #expect(methods[1].rateHistory.suffix(10) == [0, 3, 0, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test func methodsBeyondTheLimitCountAsOther() {
        var configuration = DashboardConfiguration()
        configuration.maximumTrackedMethods = 2
        var model = DashboardModel(configuration: configuration)
        for (id, method) in ["a", "b", "c", "a"].enumerated() { model.ingest(Timeline.notification(id, method, at: 0.05)) }
        let stream = model.snapshot(at: Timeline.at(0.05)).stream
        #expect(stream.methodCount == 2)
        #expect(Set(stream.methods.map { "\($0.method)=\($0.count)" }) == ["a=2", "(other)=2"])
        #expect(stream.rows.map(\.method) == ["a", "b", "c", "a"])
    }
}

@Suite("Notification stream pause, selection and detail")
struct NotificationViewTests {
    private func model(count: Int, rows: Int = 3) -> DashboardModel {
        var model = DashboardModel()
        model.perform(.layout(DashboardLayout(streamRows: rows, detailRows: 2)))
        for id in 0..<count { model.ingest(Timeline.notification(id, "tick", ["n": .integer(Int64(id))], at: 0.05)) }
        return model
    }

    @Test func pauseFreezesTheViewWhileIngestContinues() {
        var model = model(count: 4)
        _ = model.apply(.togglePause, at: Timeline.at(1))
        for id in 4..<7 { model.ingest(Timeline.notification(id, "tick", at: 1.5)) }
        let paused = model.snapshot(at: Timeline.at(2)).stream
        #expect(paused.isPaused)
        #expect(paused.rows.map(\.id) == [1, 2, 3])
        #expect(model.stream.view.count == 4)
        #expect(paused.arrivedSincePause == 3)
        #expect(paused.totalReceived == 7)
        #expect(paused.ratePerSecond1s == 3)

        _ = model.apply(.togglePause, at: Timeline.at(2))
        let resumed = model.snapshot(at: Timeline.at(2)).stream
        #expect(!resumed.isPaused)
        #expect(resumed.arrivedSincePause == 0)
        #expect(resumed.rows.map(\.id) == [4, 5, 6])
    }

    @Test func selectingStopsFollowingAndKeepsTheWindowStill() {
        var model = model(count: 10)
        model.perform(.moveSelection(-1))
        var stream = model.snapshot(at: Timeline.at(1)).stream
        #expect(stream.rows.map(\.id) == [7, 8, 9])
        #expect(stream.selectedRow == 2)

        model.perform(.moveSelection(-3))
        for id in 10..<15 { model.ingest(Timeline.notification(id, "tick", at: 0.5)) }
        stream = model.snapshot(at: Timeline.at(1)).stream
        #expect(stream.rows.map(\.id) == [6, 7, 8])
        #expect(stream.selectedRow == 0)
        #expect(stream.hiddenBelow == 6)

        model.perform(.selectLast)
        stream = model.snapshot(at: Timeline.at(1)).stream
        #expect(stream.selectedRow == nil)
        #expect(stream.rows.map(\.id) == [12, 13, 14])
        // Following again: the next notification comes into view.
        model.ingest(Timeline.notification(15, "tick", at: 0.5))
        #expect(model.snapshot(at: Timeline.at(1)).stream.rows.map(\.id) == [13, 14, 15])
    }

    @Test func selectFirstGoesToTheOldestRetained() {
        var model = model(count: 10)
        model.perform(.selectFirst)
        let stream = model.snapshot(at: Timeline.at(1)).stream
        #expect(stream.rows.map(\.id) == [0, 1, 2])
        #expect(stream.selectedRow == 0)
        model.perform(.moveSelection(-1))
        #expect(model.snapshot(at: Timeline.at(1)).stream.selectedRow == 0)
    }

    @Test func scrollingMovesTheWindowAndReturnsToFollowingAtTheBottom() {
        var model = model(count: 10)
        model.perform(.scroll(-2))
        var stream = model.snapshot(at: Timeline.at(1)).stream
        #expect(stream.rows.map(\.id) == [5, 6, 7])
        model.perform(.scroll(-100))
        #expect(model.snapshot(at: Timeline.at(1)).stream.rows.map(\.id) == [0, 1, 2])
        model.perform(.scroll(100))
        stream = model.snapshot(at: Timeline.at(1)).stream
        #expect(stream.rows.map(\.id) == [7, 8, 9])
        model.ingest(Timeline.notification(10, "tick", at: 0.5))
        #expect(model.snapshot(at: Timeline.at(1)).stream.rows.map(\.id) == [8, 9, 10])
    }

    @Test func detailShowsThePrettyPayloadOfTheSelectedRowAndScrolls() {
        var model = DashboardModel()
        model.perform(.layout(DashboardLayout(streamRows: 3, detailRows: 2)))
        model.ingest(Timeline.notification(0, "orders.created", ["id": 7, "items": [1, 2]], at: 0.05))
        model.ingest(Timeline.notification(1, "orders.paid", ["id": 7], at: 0.05))
        model.perform(.moveSelection(-1), .moveSelection(-1), .openDetail)
        var detail = model.snapshot(at: Timeline.at(1)).detail
        #expect(detail?.title == "notification 0 orders.created")
        #expect(detail?.lineCount == 7)
        #expect(detail?.lines == ["{", "  \"id\": 7,"])
        model.perform(.scroll(1))
        detail = model.snapshot(at: Timeline.at(1)).detail
        #expect(detail?.scrollOffset == 1)
        #expect(detail?.lines == ["  \"id\": 7,", "  \"items\": ["])
        model.perform(.scroll(100))
        #expect(model.snapshot(at: Timeline.at(1)).detail?.lines == ["  ]", "}"])
        model.perform(.closeDetail)
        #expect(model.snapshot(at: Timeline.at(1)).detail == nil)
    }

    @Test func detailWithoutSelectionShowsTheNewestRow() {
        var model = model(count: 2)
        model.perform(.openDetail)
        #expect(model.snapshot(at: Timeline.at(1)).detail?.title == "notification 1 tick")
    }
}
