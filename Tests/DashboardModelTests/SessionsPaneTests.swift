import DashboardModel
import Foundation
import MushroomRPC
import Testing

/// The sessions pane's part of the model: listings asked for once a second, sorted rows, the
/// detail, and ending a session only after a confirmation.
@Suite struct SessionsPaneTests {
    static let start = Date(timeIntervalSince1970: 1_746_825_600)
    static func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    static func entry(_ id: String, rate: Double, unacknowledged: Int, age: Double, subscriptions: JSONValue = .null) -> JSONValue {
        [
            "id": .string(id), "transport": "ws", "remoteAddress": "10.0.0.7", "ageSeconds": .double(age),
            "subscriptions": subscriptions, "unacknowledged": .integer(Int64(unacknowledged)),
            "messagesIn": 12, "messagesOut": 340, "ratePerSecond": .double(rate),
        ]
    }

    static let listing: JSONValue = [
        entry("calm", rate: 0.5, unacknowledged: 0, age: 3600, subscriptions: ["orders.*"]),
        entry("busy", rate: 900, unacknowledged: 2, age: 60),
        entry("stuck", rate: 3, unacknowledged: 4000, age: 5),
        ["id": "broken"],
    ]

    static func model(showsSessions: Bool = true) -> DashboardModel {
        var configuration = DashboardConfiguration()
        configuration.showsSessions = showsSessions
        var model = DashboardModel(configuration: configuration)
        _ = model.apply(.layout(DashboardLayout(paneRows: [.sessions: 10], detailRows: 20, methodRows: 4)), at: start)
        return model
    }

    /// The model after its first listing was answered with `listing`.
    static func listed(_ listing: JSONValue = SessionsPaneTests.listing) throws -> DashboardModel {
        var model = model()
        let command = try #require(model.tick(at: start).first)
        model.receive(CommandResult(id: command.id, outcome: .requestFinished(.response(listing), latency: .milliseconds(2))))
        return model
    }

    @Test func withoutTheAdminTokenThereIsNoSessionsPane() {
        var model = Self.model(showsSessions: false)
        #expect(model.panes == Pane.standard)
        #expect(model.tick(at: Self.start).isEmpty)
        #expect(model.snapshot(at: Self.start).sessions == nil)
        _ = model.apply(.focus(.sessions), at: Self.start)
        #expect(model.focus == .stream)
        for _ in Pane.allCases {
            _ = model.apply(.focusNext, at: Self.start)
            #expect(model.focus != .sessions)
        }
    }

    @Test func theSessionsAreListedOnceASecondWhileTheLastListingWasAnswered() throws {
        var model = Self.model()
        #expect(model.panes == Pane.allCases)
        let first = try #require(model.tick(at: Self.start).first)
        #expect(first.kind == .sendRequest(method: "mushroom.sessions", data: .null, timeout: .seconds(5)))
        #expect(model.tick(at: Self.at(5)).isEmpty)  // the first is still waiting
        model.receive(CommandResult(id: first.id, outcome: .requestFinished(.response(Self.listing), latency: .milliseconds(2))))
        #expect(model.tick(at: Self.start).isEmpty)
        #expect(model.tick(at: Self.at(0.9)).isEmpty)
        let second = try #require(model.tick(at: Self.at(1)).first)
        #expect(second.id != first.id)
    }

    @Test func theRowsAreSortedByRateThenUnacknowledgedThenAge() throws {
        var model = try Self.listed()
        var sessions = try #require(model.snapshot(at: Self.start).sessions)
        #expect(sessions.rows.map(\.id) == ["busy", "stuck", "calm"])  // "broken" lacks its fields
        #expect(sessions.total == 3)
        #expect(sessions.order == .rate)
        _ = model.apply(.focus(.sessions), at: Self.start)
        _ = model.apply(.moveSelection(1), at: Self.start)
        _ = model.apply(.moveSelection(1), at: Self.start)  // "stuck"
        _ = model.apply(.cycleSessionOrder, at: Self.start)
        sessions = try #require(model.snapshot(at: Self.start).sessions)
        #expect(sessions.order == .unacknowledged)
        #expect(sessions.rows.map(\.id) == ["stuck", "busy", "calm"])
        #expect(sessions.selectedRow == 0)  // the selection follows the session
        _ = model.apply(.cycleSessionOrder, at: Self.start)
        #expect(model.snapshot(at: Self.start).sessions?.rows.map(\.id) == ["calm", "busy", "stuck"])
        _ = model.apply(.cycleSessionOrder, at: Self.start)
        #expect(model.snapshot(at: Self.start).sessions?.order == .rate)
    }

    @Test func theDetailShowsEverythingListed() throws {
        var model = try Self.listed()
        _ = model.apply(.focus(.sessions), at: Self.start)
        _ = model.apply(.selectLast, at: Self.start)
        _ = model.apply(.openDetail, at: Self.start)
        let detail = try #require(model.snapshot(at: Self.start).detail)
        #expect(detail.title == "session calm")
        #expect(detail.lines == [
            "transport: ws", "remote address: 10.0.0.7", "age: 3600 s", "subscriptions: orders.*", "unacknowledged: 0",
            "messages in: 12", "messages out: 340", "rate: 0.5 messages/s",
        ])
    }

    @Test func aSessionIsEndedOnlyAfterTheConfirmation() throws {
        var model = try Self.listed()
        _ = model.apply(.focus(.sessions), at: Self.start)
        _ = model.apply(.moveSelection(1), at: Self.start)  // "busy"
        #expect(model.apply(.requestSessionEnd, at: Self.start).isEmpty)
        #expect(model.isConfirmingSessionEnd)
        #expect(model.snapshot(at: Self.start).sessions?.confirming == "busy")
        #expect(model.apply(.cancelSessionEnd, at: Self.start).isEmpty)
        #expect(!model.isConfirmingSessionEnd)
        #expect(model.apply(.confirmSessionEnd, at: Self.start).isEmpty)  // nothing waits for confirmation

        _ = model.apply(.requestSessionEnd, at: Self.start)
        let end = try #require(model.apply(.confirmSessionEnd, at: Self.start).first)
        #expect(end.kind == .sendRequest(method: "mushroom.session.end", data: "busy", timeout: .seconds(5)))
        model.receive(CommandResult(id: end.id, outcome: .requestFinished(.response(true), latency: .milliseconds(1))))
        let sessions = try #require(model.snapshot(at: Self.start).sessions)
        #expect(sessions.notice == "ended session busy")
        #expect(sessions.rows.map(\.id) == ["stuck", "calm"])
    }

    @Test func whatWentWrongIsTold() throws {
        var model = try Self.listed()
        _ = model.apply(.focus(.sessions), at: Self.start)
        _ = model.apply(.moveSelection(1), at: Self.start)
        _ = model.apply(.requestSessionEnd, at: Self.start)
        let end = try #require(model.apply(.confirmSessionEnd, at: Self.start).first)
        model.receive(CommandResult(id: end.id, outcome: .requestFinished(.error("no live session 'busy'"), latency: .milliseconds(1))))
        #expect(model.snapshot(at: Self.start).sessions?.notice == "could not end session busy: no live session 'busy'")
        let listing = try #require(model.tick(at: Self.at(2)).first)
        model.receive(CommandResult(id: listing.id, outcome: .requestFinished(.error("mushroom.sessions"), latency: .milliseconds(1))))
        #expect(model.snapshot(at: Self.start).sessions?.notice == "could not list the sessions: mushroom.sessions")
        #expect(model.snapshot(at: Self.start).sessions?.rows.count == 3)  // the last listing stays
    }

    @Test func theListingIsLeftOutOfTheRequestsPane() {
        let started = EngineEvent(time: Self.start, kind: .requestStarted(RequestStart(
            direction: .outbound, id: 4, method: "mushroom.sessions", data: .null, deadline: nil)))
        for shows in [true, false] {
            var model = Self.model(showsSessions: shows)
            _ = model.apply(.layout(DashboardLayout()), at: Self.start)
            model.ingest(started)
            #expect(model.snapshot(at: Self.start).requests.inFlightCount == (shows ? 0 : 1))
        }
    }
}
