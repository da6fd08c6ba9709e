@testable import DashboardModel
import Foundation
import MushroomRPC
import Testing

/// The latency view (`L`: count, p50, p90, p99, max, timeouts and late responses per method) and
/// the rates pane's orders (`o`: rate, count, bytes per second).
@Suite struct LatencyAndTalkersTests {
    @Test func theLatencyViewListsEveryMethodWithItsPercentilesTimeoutsAndLateResponses() throws {
        var model = DashboardModel()
        model.perform(.layout(DashboardLayout(detailRows: 10)))
        for millisecond in 1...100 {
            model.ingest(Timeline.finished(millisecond, "get", .response(.null), latency: Double(millisecond) / 1000, at: 1))
        }
        model.ingest(Timeline.started(200, "slow", timeout: 1, at: 1))
        model.ingest(Timeline.finished(200, "slow", .timeout, latency: 1, at: 2))
        model.ingest(Timeline.event(.unmatchedResponse(requestID: 200, late: true), at: 3))
        model.ingest(Timeline.finished(201, "never", .timeout, latency: 1, at: 2))
        model.perform(.toggleLatencyView)
        let detail = try #require(model.snapshot(at: Timeline.at(4)).detail)
        #expect(detail.title == "latency by method")
        #expect(detail.lineCount == 3)
        let rows = try #require(detail.latency)
        #expect(rows.map(\.method) == ["get", "never", "slow"])
        let get = rows[0]
        #expect(get.count == 100)
        #expect(abs(try #require(get.p90).timeInterval - 0.090) / 0.090 < 0.045)
        #expect(get.maximum == .milliseconds(100))
        #expect(get.timeouts == 0)
        #expect(rows[2].timeouts == 1)
        #expect(rows[2].lateResponses == 1)
        #expect(rows[2].p50 == nil)
        let requests = model.snapshot(at: Timeline.at(4)).requests
        #expect(requests.lateResponses == 1)
        // The rates pane's latencies keep to answered methods.
        #expect(requests.latencies.map(\.method) == ["get"])
        model.perform(.toggleLatencyView)
        #expect(model.snapshot(at: Timeline.at(4)).detail == nil)
    }

    @Test func theLatencyViewScrollsWithinItsMethods() throws {
        var model = DashboardModel()
        model.perform(.layout(DashboardLayout(detailRows: 3)))
        for id in 0..<5 { model.ingest(Timeline.finished(id, "m\(id)", .response(.null), latency: Double(id + 1), at: 1)) }
        model.perform(.toggleLatencyView, .scroll(1))
        var detail = try #require(model.snapshot(at: Timeline.at(2)).detail)
        #expect(detail.latency?.map(\.method) == ["m3", "m2"])
        model.perform(.scroll(100))
        detail = try #require(model.snapshot(at: Timeline.at(2)).detail)
        #expect(detail.scrollOffset == 3)
        #expect(detail.latency?.map(\.method) == ["m1", "m0"])
        model.perform(.scroll(-1))
        #expect(model.snapshot(at: Timeline.at(2)).detail?.scrollOffset == 2)
    }

    @Test func theRatesPaneSortsByRateCountOrBytes() {
        var model = DashboardModel()
        // "chatty": many small ones long ago; "bulky": few big ones lately; "steady": in between.
        for id in 0..<50 { model.ingest(Timeline.notification(id, "chatty", 1, at: 0)) }
        for id in 50..<52 { model.ingest(Timeline.notification(id, "bulky", .string(String(repeating: "x", count: 10_000)), at: 20)) }
        for id in 52..<60 { model.ingest(Timeline.notification(id, "steady", 1, at: 20)) }
        var stream = model.snapshot(at: Timeline.at(20.5)).stream
        #expect(stream.methodOrder == .rate)
        #expect(stream.methods.map(\.method) == ["steady", "bulky", "chatty"])
        model.perform(.cycleRateOrder)
        stream = model.snapshot(at: Timeline.at(20.5)).stream
        #expect(stream.methodOrder == .count)
        #expect(stream.methods.map(\.method) == ["chatty", "steady", "bulky"])
        model.perform(.cycleRateOrder)
        stream = model.snapshot(at: Timeline.at(20.5)).stream
        #expect(stream.methodOrder == .bytes)
        #expect(stream.methods.map(\.method) == ["bulky", "steady", "chatty"])
        let bulky = stream.methods[0]
        let size = Message.notification(.init(id: 50, method: "bulky", data: .string(String(repeating: "x", count: 10_000)))).estimatedSize
        #expect(bulky.bytes == 2 * size)
        #expect(bulky.bytesPerSecond10s == Double(2 * size) / 10)
        model.perform(.cycleRateOrder)
        #expect(model.snapshot(at: Timeline.at(20.5)).stream.methodOrder == .rate)
    }
}
