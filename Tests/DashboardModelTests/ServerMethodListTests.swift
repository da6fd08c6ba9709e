@testable import DashboardModel
import Foundation
import MushroomRPC
import Testing

/// The server's method list (`mushroom.methods`), asked for once after each connection, for
/// completion, without rows in the requests or errors panes.
@Suite struct ServerMethodListTests {
    static let connected = Timeline.event(.transport(.connected(transport: "ws", url: "http://x/", sessionID: "s")), at: 0)

    /// The model after the listing was asked for and its request started; returns its command.
    static func asked(_ model: inout DashboardModel) throws -> EngineCommand {
        #expect(model.tick(at: Timeline.origin).isEmpty)
        model.ingest(connected)
        let commands = model.tick(at: Timeline.origin)
        #expect(commands.map(\.kind) == [.sendRequest(method: "mushroom.methods", data: .null, timeout: .seconds(10))])
        #expect(model.tick(at: Timeline.origin).isEmpty)
        model.ingest(Timeline.started(0, "mushroom.methods", timeout: 10, at: 0))
        return try #require(commands.first)
    }

    @Test func theServersMethodsCompleteTheFormWithoutARequestRow() throws {
        var model = DashboardModel()
        let command = try Self.asked(&model)
        model.ingest(Timeline.finished(0, "mushroom.methods", .response(["echo", "add", "publish"]), latency: 0.01, at: 0.01))
        model.receive(CommandResult(id: command.id, outcome: .requestFinished(.response(["echo", "add", "publish", 3]), latency: .milliseconds(10))))
        model.perform(.focus(.form), .insert("e"))
        let snapshot = model.snapshot(at: Timeline.at(1))
        #expect(snapshot.form.completions == ["echo"])
        #expect(snapshot.requests.rows.isEmpty)
        #expect(snapshot.requests.finishedTotal == 0)
        #expect(snapshot.errors.rows.isEmpty)
    }

    @Test func aServerWithoutTheListFallsBackToMethodsSeenWithoutAnErrorRow() throws {
        var model = DashboardModel()
        let command = try Self.asked(&model)
        model.ingest(Timeline.finished(0, "mushroom.methods", .error("rpc_mushroom.methods"), latency: 0.01, at: 0.01))
        model.receive(CommandResult(id: command.id, outcome: .requestFinished(.error("rpc_mushroom.methods"), latency: .milliseconds(10))))
        model.ingest(Timeline.notification(1, "ticker.tick", 1, at: 1))
        model.perform(.focus(.form), .insert("t"))
        let snapshot = model.snapshot(at: Timeline.at(1))
        #expect(snapshot.form.completions == ["ticker.tick"])
        #expect(snapshot.errors.rows.isEmpty)
        #expect(snapshot.requests.rows.isEmpty)
    }

    @Test func theOperatorsOwnListingIsShownAndSentFormsComplete() throws {
        var model = DashboardModel()
        _ = try Self.asked(&model)
        model.ingest(Timeline.finished(0, "mushroom.methods", .response([]), latency: 0.01, at: 0.01))
        // The operator's own call of the method is a request like any other.
        model.ingest(Timeline.started(1, "mushroom.methods", at: 1))
        #expect(model.snapshot(at: Timeline.at(1)).requests.rows.map(\.id) == [1])
        model.perform(.focus(.form), .insert("zeta"), .submit, .clear, .insert("z"))
        #expect(model.snapshot(at: Timeline.at(1)).form.completions == ["zeta"])
    }

    @Test func eachConnectionAsksOnceMore() throws {
        var model = DashboardModel()
        let command = try Self.asked(&model)
        model.receive(CommandResult(id: command.id, outcome: .refused("not connected yet")))
        #expect(model.tick(at: Timeline.origin).isEmpty)
        model.ingest(Self.connected)
        #expect(model.tick(at: Timeline.origin).count == 1)
    }
}
