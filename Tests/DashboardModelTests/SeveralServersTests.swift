@testable import DashboardModel
import Foundation
import MushroomRPC
import Testing

/// One dashboard on several servers: rows tagged with their server, every server's merged or one
/// alone (`v`), the form sending to the server shown, and each server's connection kept apart.
@Suite struct SeveralServersTests {
    private func model(_ servers: String...) -> DashboardModel {
        var configuration = DashboardConfiguration()
        configuration.servers = servers
        return DashboardModel(configuration: configuration)
    }

    private func batch(_ server: Int, _ events: EngineEvent...) -> ServerBatch {
        ServerBatch(server: server, batch: EventSubscription.Batch(events: events))
    }

    @Test func rowsCarryTheirServerAndTheMergedStreamIsInTimeOrder() throws {
        var model = model("prod", "staging")
        model.ingest([
            batch(0, Timeline.notification(1, "orders.created", at: 1), Timeline.notification(2, "orders.paid", at: 3)),
            batch(1, Timeline.notification(1, "orders.created", at: 2), Timeline.notification(2, "orders.paid", at: 4)),
        ])
        let snapshot = model.snapshot(at: Timeline.at(5))
        #expect(snapshot.stream.rows.map(\.server) == [0, 1, 0, 1])
        #expect(snapshot.stream.rows.map(\.id) == [1, 1, 2, 2])
        let servers = try #require(snapshot.servers)
        #expect(servers.names == ["prod", "staging"])
        #expect(servers.shown == nil)
        #expect(servers.shownName == "all servers")
        #expect(DashboardModel().snapshot(at: Timeline.at(5)).servers == nil)
    }

    @Test func cyclingShowsEachServerAloneThenAllAgain() {
        var model = model("prod", "staging")
        model.ingest(Timeline.notification(1, "a", at: 1), from: 0)
        model.ingest(Timeline.notification(7, "b", at: 2), from: 1)
        model.ingest(Timeline.finished(3, "pay", .error("declined"), latency: 0.1, at: 3), from: 1)
        model.ingest(Timeline.started(4, "slow", at: 3), from: 0)
        var views: [[MessageID]] = []
        var shown: [Int?] = []
        for _ in 0..<4 {
            let snapshot = model.snapshot(at: Timeline.at(4))
            views.append(snapshot.stream.rows.map(\.id))
            shown.append(snapshot.servers?.shown)
            #expect(snapshot.requests.rows.allSatisfy { row in snapshot.servers?.shown.map { $0 == row.server } ?? true })
            #expect(snapshot.errors.rows.allSatisfy { row in snapshot.servers?.shown.map { $0 == row.server } ?? true })
            model.perform(.cycleServer)
        }
        #expect(shown == [nil, 0, 1, nil])
        #expect(views == [[1, 7], [1], [7], [1, 7]])
        model.perform(.showServer(1))
        let staging = model.snapshot(at: Timeline.at(4))
        #expect(staging.requests.rows.map(\.method) == ["pay"])
        #expect(staging.errors.rows.map(\.method) == ["pay"])
        #expect((staging.requests.inFlightCount, staging.requests.finishedTotal, staging.errors.total) == (0, 1, 1))
        model.perform(.showServer(0))
        let prod = model.snapshot(at: Timeline.at(4))
        #expect(prod.requests.rows.map(\.method) == ["slow"])
        #expect((prod.requests.inFlightCount, prod.requests.finishedTotal, prod.errors.total) == (1, 0, 0))
        #expect(prod.errors.rows.isEmpty)
        // An index the dashboard does not have changes nothing.
        model.perform(.showServer(5))
        #expect(model.snapshot(at: Timeline.at(4)).servers?.shown == 0)
    }

    @Test func theFilterAppliesAcrossServersAndWithinTheOneShown() {
        var model = model("prod", "staging")
        model.ingest(Timeline.notification(1, "orders.created", at: 1), from: 0)
        model.ingest(Timeline.notification(2, "ticker.tick", at: 2), from: 0)
        model.ingest(Timeline.notification(3, "orders.created", at: 3), from: 1)
        model.perform(.applyFilterText("orders.*"))
        #expect(model.snapshot(at: Timeline.at(4)).stream.rows.map(\.id) == [1, 3])
        model.perform(.showServer(1))
        #expect(model.snapshot(at: Timeline.at(4)).stream.rows.map(\.id) == [3])
        model.ingest(Timeline.notification(4, "orders.paid", at: 4), from: 1)
        model.ingest(Timeline.notification(5, "orders.paid", at: 5), from: 0)
        #expect(model.snapshot(at: Timeline.at(6)).stream.rows.map(\.id) == [3, 4])
        model.perform(.clearFilter)
        #expect(model.snapshot(at: Timeline.at(6)).stream.rows.map(\.id) == [3, 4])
        model.perform(.showServer(nil))
        #expect(model.snapshot(at: Timeline.at(6)).stream.rows.map(\.id) == [1, 2, 3, 4, 5])
    }

    @Test func theSameRequestIDOnTwoServersIsTwoRequests() {
        var model = model("prod", "staging")
        model.ingest(Timeline.started(0, "get", at: 1), from: 0)
        model.ingest(Timeline.started(0, "get", at: 1.5), from: 1)
        #expect(model.snapshot(at: Timeline.at(2)).requests.inFlightCount == 2)
        model.ingest(Timeline.finished(0, "get", .response(1), latency: 1, at: 2), from: 1)
        let rows = model.snapshot(at: Timeline.at(2)).requests.rows
        #expect(rows.count == 2)
        #expect(rows.map(\.server) == [0, 1])
        guard case .inFlight = rows[0].status, case .finished = rows[1].status else {
            Issue.record("prod's request must still be in flight, staging's finished: \(rows)")
            return
        }
    }

    @Test func theFormSendsToTheServerShownAndStaysThereWhenAllAreMerged() {
        var model = model("prod", "staging")
        func submit() -> [EngineCommand] {
            model.perform(.focus(.form), .clear, .focusFormField(.method), .insert("orders.get"), .nextFormField, .insert("{}"))
            return model.apply(.submit, at: Timeline.at(1))
        }
        #expect(submit().map(\.server) == [0])
        model.perform(.showServer(1))
        #expect(model.snapshot(at: Timeline.at(1)).servers?.formTarget == 1)
        #expect(submit().map(\.server) == [1])
        model.perform(.showServer(nil))
        #expect(submit().map(\.server) == [1])
    }

    @Test func sendingAgainGoesToTheServerTheMessageCameFrom() throws {
        var model = model("prod", "staging")
        model.ingest(Timeline.notification(1, "orders.created", ["n": 1], at: 1), from: 1)
        model.perform(.openDetail)
        #expect(model.snapshot(at: Timeline.at(2)).detail?.title == "notification 1 orders.created from staging")
        let commands = model.apply(.sendAgain, at: Timeline.at(2))
        #expect(commands.map(\.server) == [1])
        #expect(commands.map(\.kind) == [.sendNotification(method: "orders.created", data: ["n": 1])])
    }

    @Test func eachServerKeepsItsOwnConnectionAndTheHeaderShowsEach() throws {
        var model = model("prod", "staging")
        model.ingest(Timeline.event(.transport(.connected(transport: "websocket", url: "ws://prod", sessionID: "p")), at: 1), from: 0)
        model.ingest(Timeline.event(.transport(.disconnected(reason: "Connection refused")), at: 1), from: 1)
        model.ingest(Timeline.event(.transport(.reconnectScheduled(attempt: 2, delay: .seconds(2))), at: 1), from: 1)
        let servers = try #require(model.snapshot(at: Timeline.at(2)).servers)
        #expect(servers.connections.map(\.state) == [.connected, .waitingToReconnect(attempt: 2)])
        #expect(servers.connections[1].retryCountdown == .seconds(1))
        // The connection pane shows the form's server (prod) until another is shown alone.
        #expect(model.snapshot(at: Timeline.at(2)).connection.sessionID == "p")
        model.perform(.showServer(1))
        #expect(model.snapshot(at: Timeline.at(2)).connection.state == .waitingToReconnect(attempt: 2))
        let errors = model.snapshot(at: Timeline.at(2)).errors.rows
        #expect(errors.map(\.latestDetail) == ["Connection refused"])
        #expect(errors.map(\.server) == [1])
    }

    @Test func eachConnectedServerIsAskedForItsOwnMethods() {
        var model = model("prod", "staging")
        model.ingest(Timeline.event(.transport(.connected(transport: "websocket", url: "ws://s", sessionID: "s")), at: 1), from: 1)
        let first = model.tick(at: Timeline.at(1))
        #expect(first.map(\.server) == [1])
        model.ingest(Timeline.event(.transport(.connected(transport: "websocket", url: "ws://p", sessionID: "p")), at: 2), from: 0)
        let second = model.tick(at: Timeline.at(2))
        #expect(second.map(\.server) == [0])
        model.receive(CommandResult(id: second[0].id, outcome: .requestFinished(.response(["orders.get"]), latency: .zero)))
        model.receive(CommandResult(id: first[0].id, outcome: .requestFinished(.response(["ledger.sum"]), latency: .zero)))
        model.perform(.focus(.form), .insert("l"), .completeMethod)
        #expect(model.snapshot(at: Timeline.at(3)).form.method.text == "ledger.sum")
    }

    @Test func copiesAndExportsNameTheServer() throws {
        var model = model("prod", "staging")
        model.ingest(Timeline.notification(1, "orders.created", at: 0), from: 1)
        model.perform(.moveSelection(-1), .copy(pretty: false))
        guard case .copy(let copy) = try #require(model.takeEffects().first) else {
            Issue.record("expected a copy")
            return
        }
        #expect(copy.text == #"{"data":null,"id":1,"method":"orders.created","server":"staging","time":1778307200.0}"#)
    }

    @Test func alertsNameTheServerTheyConcern() throws {
        var configuration = DashboardConfiguration()
        configuration.servers = ["prod", "staging"]
        configuration.alertRules = try ["unacknowledged above 1", "no heartbeat for 5 seconds"].map { try AlertRule(parsing: $0) }
        var model = DashboardModel(configuration: configuration)
        _ = model.evaluateAlerts(at: Timeline.at(0))
        model.ingest(Timeline.event(.messageReceived(.heartbeat(.init(lastMessageID: nil))), at: 4), from: 0)
        for id in 0..<2 {
            model.ingest(Timeline.event(.messageSent(.notification(.init(id: id, method: "m", data: .null))), at: 4), from: 1)
        }
        #expect(model.evaluateAlerts(at: Timeline.at(5)).map(\.detail) == [
            "2 messages unacknowledged on staging, above 1", "no heartbeat from staging for 5 s",
        ])
    }

    @Test func aRuleOnOneServerWatchesThatServerAlone() throws {
        var configuration = DashboardConfiguration()
        configuration.servers = ["prod", "staging"]
        configuration.alertRules = try [
            "method tick slower than 5 per second for 1 seconds on staging", "method tick slower than 5 per second for 1 seconds",
            "1 errors of kind errorReply within 10 seconds on prod", "unacknowledged above 1 on prod", "no heartbeat for 5 seconds on prod",
        ].map { try AlertRule(parsing: $0) }
        var model = DashboardModel(configuration: configuration)
        #expect(model.evaluateAlerts(at: Timeline.at(3.5)).isEmpty)
        // prod ticks at 20 a second; staging sends nothing, fails a request and leaves two
        // messages unacknowledged.
        for n in 0..<20 { model.ingest(Timeline.notification(n, "tick", at: 4 + Double(n) / 25), from: 0) }
        model.ingest(Timeline.finished(1, "pay", .error("declined"), latency: 0.1, at: 4.5), from: 1)
        for id in 0..<2 {
            model.ingest(Timeline.event(.messageSent(.notification(.init(id: id, method: "m", data: .null))), at: 4), from: 1)
        }
        let fired = model.evaluateAlerts(at: Timeline.at(5))
        #expect(fired.map(\.rule.description) == ["method tick slower than 5 per second for 1 seconds on staging"])
        #expect(fired.map(\.detail) == ["tick at 0/s, under 5/s for 1 s on staging"])
        model.ingest(Timeline.finished(2, "pay", .error("declined"), latency: 0.1, at: 5.5), from: 0)
        #expect(model.evaluateAlerts(at: Timeline.at(6)).map(\.detail) == ["1 errorReply errors in the last 10 s on prod"])
        // Once prod is quiet too, the rule on every server fires as well.
        #expect(model.evaluateAlerts(at: Timeline.at(9.8)).map(\.detail) == ["tick at 0/s, under 5/s for 1 s", "no heartbeat from prod for 5 s"])
        #expect(model.snapshot(at: Timeline.at(9.8)).alerts.map(\.rule.server) == ["staging", nil, "prod", "prod"])
    }

    @Test func aBatchOfAnUnknownServerIsLeftOut() {
        var model = model("prod", "staging")
        model.ingest(Timeline.notification(1, "a", at: 1), from: 2)
        model.ingest(EventSubscription.Batch(events: [Timeline.notification(1, "a", at: 1)]), from: -1)
        #expect(model.snapshot(at: Timeline.at(2)).stream.totalReceived == 0)
    }

    @Test func aServerThatFloodsDoesNotPushTheOthersRowsOutOfTheirOwnView() {
        var configuration = DashboardConfiguration()
        configuration.servers = ["prod", "staging"]
        configuration.streamCapacity = 10
        var model = DashboardModel(configuration: configuration)
        model.ingest(Timeline.notification(1, "ledger.posted", at: 0), from: 1)
        model.ingest(Timeline.notification(2, "ledger.posted", at: 0.5), from: 1)
        for id in 1...100 { model.ingest(Timeline.notification(id, "tick", at: 1 + Double(id) / 1000), from: 0) }
        let merged = model.snapshot(at: Timeline.at(2))
        #expect(merged.stream.rows.allSatisfy { $0.server == 0 })
        #expect(merged.stream.totalReceived == 102)
        model.perform(.showServer(1))
        let staging = model.snapshot(at: Timeline.at(2))
        #expect(staging.stream.rows.map(\.id) == [1, 2])
        #expect(staging.stream.totalReceived == 2)
        #expect(staging.stream.methods.map(\.method) == ["ledger.posted"])
    }

    @Test func aPauseAndAFilterHoldInEveryView() {
        var model = model("prod", "staging")
        model.ingest(Timeline.notification(1, "orders.created", at: 1), from: 0)
        model.ingest(Timeline.notification(2, "ticker.tick", at: 2), from: 1)
        model.perform(.applyFilterText("orders.*"), .togglePause)
        model.ingest(Timeline.notification(3, "orders.paid", at: 3), from: 0)
        for server in [0, 1] {
            model.perform(.showServer(server))
            let snapshot = model.snapshot(at: Timeline.at(4))
            #expect(snapshot.stream.isPaused)
            #expect(snapshot.stream.filter.applied == "orders.*")
        }
        model.perform(.showServer(0), .togglePause, .showServer(nil))
        let merged = model.snapshot(at: Timeline.at(4))
        #expect(!merged.stream.isPaused)
        #expect(merged.stream.rows.map(\.id) == [1, 3])
    }
}
