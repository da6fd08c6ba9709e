@testable import DashboardModel
import Foundation
import MushroomRPC
import Testing

@Suite("Requests")
struct RequestTrackerTests {
    private func inFlight(_ row: RequestRow?) -> RequestRow.InFlight? {
        if case .inFlight(let timing) = row?.status { timing } else { nil }
    }

    private func finished(_ row: RequestRow?) -> RequestRow.Finished? {
        if case .finished(let outcome) = row?.status { outcome } else { nil }
    }

    @Test func countdownValuesAtGivenInstants() {
        var model = DashboardModel()
        model.ingest(Timeline.started(4, "orders.get", timeout: 10, at: 0))
        let early = inFlight(model.snapshot(at: Timeline.at(2.5)).requests.rows.first)
        #expect(early == RequestRow.InFlight(elapsed: .seconds(2.5), remaining: .seconds(7.5), fractionUsed: 0.25, state: .waiting))
        let late = inFlight(model.snapshot(at: Timeline.at(8)).requests.rows.first)
        #expect(late == RequestRow.InFlight(elapsed: .seconds(8), remaining: .seconds(2), fractionUsed: 0.8, state: .nearDeadline))
        let overdue = inFlight(model.snapshot(at: Timeline.at(10.5)).requests.rows.first)
        #expect(overdue == RequestRow.InFlight(elapsed: .seconds(10.5), remaining: .seconds(-0.5), fractionUsed: 1, state: .overdue))
    }

    @Test func aRequestTimingOutMovesToTheRecentListAndTheErrors() {
        var model = DashboardModel()
        model.ingest(Timeline.started(4, "orders.get", timeout: 10, at: 0))
        model.ingest(Timeline.finished(4, "orders.get", .timeout, latency: 10, at: 10))
        let snapshot = model.snapshot(at: Timeline.at(12))
        #expect(snapshot.requests.inFlightCount == 0)
        #expect(snapshot.requests.timeouts == 1)
        let row = snapshot.requests.rows.first
        #expect(row?.data == ["n": 1])
        #expect(finished(row) == RequestRow.Finished(outcome: .timeout, latency: .seconds(10), lateResponse: false))
        #expect(snapshot.requests.latencies.isEmpty)
        #expect(snapshot.errors.rows.map(\.kind) == [.timeout])
        #expect(snapshot.errors.rows.first?.latestDetail == "outbound request 4: no answer after 10 s")
    }

    @Test func aResponseAfterTheTimeoutIsFlaggedLate() {
        var model = DashboardModel()
        model.ingest(Timeline.started(4, "orders.get", timeout: 1, at: 0))
        model.ingest(Timeline.started(5, "orders.get", timeout: 1, at: 0))
        model.ingest(Timeline.finished(4, "orders.get", .timeout, latency: 1, at: 1))
        model.ingest(Timeline.finished(5, "orders.get", .timeout, latency: 1, at: 1))
        model.ingest(Timeline.event(.unmatchedResponse(requestID: 4, late: true), at: 3))
        let requests = model.snapshot(at: Timeline.at(4)).requests
        #expect(requests.rows.map(\.id) == [5, 4])
        #expect(requests.rows.map { finished($0)?.lateResponse } == [false, true])
    }

    @Test func anUnmatchedResponseThatIsNotLateIsAnError() {
        var model = DashboardModel()
        model.ingest(Timeline.event(.unmatchedResponse(requestID: 9, late: false), at: 3))
        let snapshot = model.snapshot(at: Timeline.at(4))
        #expect(snapshot.requests.rows.isEmpty)
        #expect(snapshot.errors.rows.map(\.kind) == [.unmatchedResponse])
        #expect(snapshot.errors.rows.first?.latestDetail == "an answer to request 9, which is not pending")
    }

    @Test func inboundRequestsHaveNoDeadline() {
        var model = DashboardModel()
        model.ingest(Timeline.started(2, "client.ping", direction: .inbound, at: 1))
        let row = model.snapshot(at: Timeline.at(3)).requests.rows.first
        #expect(row?.direction == .inbound)
        #expect(inFlight(row) == RequestRow.InFlight(elapsed: .seconds(2), remaining: nil, fractionUsed: nil, state: .waiting))
        model.ingest(Timeline.finished(2, "client.ping", .response("pong"), direction: .inbound, latency: 0.5, at: 1.5))
        #expect(model.snapshot(at: Timeline.at(3)).requests.inFlightCount == 0)
    }

    @Test func inFlightComeFirstOldestFirstThenFinishedNewestFirst() {
        var model = DashboardModel()
        model.ingest(Timeline.started(1, "a", timeout: 5, at: 0))
        model.ingest(Timeline.started(2, "b", timeout: 5, at: 0.5))
        model.ingest(Timeline.started(3, "c", timeout: 5, at: 1))
        model.ingest(Timeline.started(4, "d", timeout: 5, at: 1.5))
        model.ingest(Timeline.finished(1, "a", .response(1), latency: 2, at: 2))
        model.ingest(Timeline.finished(3, "c", .response(1), latency: 1.5, at: 2.5))
        let requests = model.snapshot(at: Timeline.at(3)).requests
        #expect(requests.rows.map(\.id) == [2, 4, 3, 1])
        #expect(requests.inFlightCount == 2)
        #expect(requests.finishedTotal == 2)
    }

    @Test func theRecentListIsBounded() {
        var configuration = DashboardConfiguration()
        configuration.recentRequestCapacity = 3
        var model = DashboardModel(configuration: configuration)
        for id in 0..<5 {
            model.ingest(Timeline.started(id, "m", at: 0))
            model.ingest(Timeline.finished(id, "m", .response(.null), latency: 0.5, at: 0.5))
        }
        let requests = model.snapshot(at: Timeline.at(1)).requests
        #expect(requests.finishedTotal == 5)
        #expect(requests.rows.map(\.id) == [4, 3, 2])
    }

    @Test func latencyPercentilesPerMethodWithinTheHistogramResolution() throws {
        var model = DashboardModel()
        for millisecond in 1...100 {
            model.ingest(Timeline.finished(millisecond, "get", .response(.null), latency: Double(millisecond) / 1000, at: 1))
        }
        model.ingest(Timeline.finished(0, "put", .error("boom"), latency: 2, at: 1))
        model.ingest(Timeline.finished(101, "put", .cancelled, latency: 9, at: 1))
        let latencies = model.snapshot(at: Timeline.at(2)).requests.latencies
        #expect(latencies.map(\.method) == ["put", "get"])
        #expect(latencies.map(\.count) == [1, 100])
        let get = try #require(latencies.last)
        #expect(abs(try #require(get.p50).timeInterval - 0.050) / 0.050 < 0.045)
        #expect(abs(try #require(get.p99).timeInterval - 0.099) / 0.099 < 0.045)
        let put = try #require(latencies.first)
        #expect(abs(try #require(put.p99).timeInterval - 2) / 2 < 0.045)
    }

    @Test func selectionAndClearInTheRequestsPane() {
        var model = DashboardModel()
        model.perform(.layout(DashboardLayout(requestRows: 2)), .focus(.requests))
        for id in 0..<4 {
            model.ingest(Timeline.started(id, "m", at: 0))
            model.ingest(Timeline.finished(id, "m", .error("no"), latency: 0.5, at: 0.5))
        }
        model.ingest(Timeline.started(9, "slow", timeout: 30, at: 0.5))
        model.perform(.moveSelection(1), .moveSelection(1), .moveSelection(1))
        var requests = model.snapshot(at: Timeline.at(1)).requests
        #expect(requests.rows.map(\.id) == [3, 2])
        #expect(requests.selectedRow == 1)
        model.perform(.openDetail)
        let detail = model.snapshot(at: Timeline.at(1)).detail
        #expect(detail?.title == "outbound request 2 m")
        #expect(detail?.lineCount == 6)
        model.perform(.clear)
        requests = model.snapshot(at: Timeline.at(1)).requests
        #expect(requests.rows.map(\.id) == [9])
        #expect(requests.selectedRow == nil)
        #expect(model.snapshot(at: Timeline.at(1)).detail == nil)
    }
}

@Suite("Requests bounds")
struct RequestBoundsTests {
    @Test func inFlightRequestsAreBoundedForgettingTheOldest() {
        var configuration = DashboardConfiguration()
        configuration.maximumInFlightRequests = 2
        var model = DashboardModel(configuration: configuration)
        for id in 0..<3 { model.ingest(Timeline.started(id, "m", at: Double(id))) }
        let requests = model.snapshot(at: Timeline.at(5)).requests
        #expect(requests.inFlightCount == 2)
        #expect(requests.rows.map(\.id) == [1, 2])
    }
}
