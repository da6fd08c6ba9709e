@testable import DashboardModel
import Foundation
import MushroomRPC
import Testing

@Suite("Error groups")
struct ErrorLogTests {
    @Test func errorRepliesGroupByMethodWithFirstAndLastSeen() {
        var model = DashboardModel()
        model.ingest(Timeline.finished(1, "orders.pay", .error(["reason": "card declined"]), latency: 0.5, at: 1))
        model.ingest(Timeline.finished(2, "orders.get", .error("gone"), latency: 0.5, at: 2))
        model.ingest(Timeline.finished(3, "orders.pay", .error(["reason": "expired"]), latency: 0.5, at: 3))
        let errors = model.snapshot(at: Timeline.at(4)).errors
        #expect(errors.total == 3)
        #expect(errors.rows == [
            ErrorGroup(
                kind: .errorReply, method: "orders.pay", count: 2, firstSeen: Timeline.at(1), lastSeen: Timeline.at(3),
                latestDetail: "outbound request 3: {\"reason\":\"expired\"}"),
            ErrorGroup(
                kind: .errorReply, method: "orders.get", count: 1, firstSeen: Timeline.at(2), lastSeen: Timeline.at(2),
                latestDetail: "outbound request 2: \"gone\""),
        ])
    }

    @Test func methodNotFoundIsRecognisedFromTheLookedUpName() {
        var model = DashboardModel()
        model.ingest(Timeline.finished(1, "nope", .error("rpc_nope"), latency: 0.5, at: 1))
        model.ingest(Timeline.finished(2, "nada", .error("nada"), latency: 0.5, at: 2))
        model.ingest(Timeline.finished(3, "other", .error("rpc_nope"), latency: 0.5, at: 3))
        let rows = model.snapshot(at: Timeline.at(4)).errors.rows
        #expect(rows.map(\.kind) == [.errorReply, .methodNotFound, .methodNotFound])
        #expect(rows.map(\.method) == ["other", "nada", "nope"])
    }

    @Test func protocolOverflowAndLostConnectionsAreErrors() {
        var model = DashboardModel()
        model.ingest(Timeline.event(.protocolError("frame is not a JSON array"), at: 1))
        model.ingest(Timeline.event(.protocolError("unknown message code 9"), at: 2))
        model.ingest(Timeline.event(.outboundOverflow(OutboundBufferFull(.messages(64))), at: 3))
        model.ingest(Timeline.finished(7, "slow", .connectionLost("session lost"), latency: 1, at: 4))
        model.ingest(Timeline.finished(8, "slow", .cancelled, latency: 1, at: 5))
        model.ingest(Timeline.finished(9, "slow", .response(1), latency: 1, at: 5))
        let errors = model.snapshot(at: Timeline.at(6)).errors
        #expect(errors.rows.map(\.kind) == [.connectionLost, .outboundOverflow, .protocolError])
        #expect(errors.rows.map(\.method) == ["slow", nil, nil])
        #expect(errors.rows.map(\.count) == [1, 1, 2])
        #expect(errors.rows.map(\.latestDetail) == [
            "outbound request 7: session lost", "64 messages unacknowledged: a message was refused", "unknown message code 9",
        ])
    }

    @Test func groupsAreBoundedEvictingTheStalest() {
        var configuration = DashboardConfiguration()
        configuration.maximumErrorGroups = 2
        var model = DashboardModel(configuration: configuration)
        model.ingest(Timeline.finished(1, "a", .error(1), latency: 0.5, at: 1))
        model.ingest(Timeline.finished(2, "b", .error(1), latency: 0.5, at: 2))
        model.ingest(Timeline.finished(3, "a", .error(1), latency: 0.5, at: 3))
        model.ingest(Timeline.finished(4, "c", .error(1), latency: 0.5, at: 4))
        let errors = model.snapshot(at: Timeline.at(5)).errors
        #expect(errors.rows.map(\.method) == ["c", "a"])
        #expect(errors.total == 4)
    }

    @Test func selectionDetailAndClear() {
        var model = DashboardModel()
        model.perform(.focus(.errors))
        model.ingest(Timeline.event(.protocolError("bad frame"), at: 1))
        model.ingest(Timeline.finished(1, "a", .timeout, latency: 5, at: 2))
        model.perform(.selectLast, .openDetail)
        var snapshot = model.snapshot(at: Timeline.at(3))
        #expect(snapshot.errors.selectedRow == 1)
        #expect(snapshot.detail?.title == "protocolError")
        #expect(snapshot.detail?.lines == [
            "count: 1", "first seen: 2026-05-09T06:13:21Z", "last seen: 2026-05-09T06:13:21Z", "latest: bad frame",
        ])
        model.perform(.clear)
        snapshot = model.snapshot(at: Timeline.at(3))
        #expect(snapshot.errors.rows.isEmpty)
        #expect(snapshot.errors.total == 0)
        #expect(snapshot.detail == nil)
    }
}
