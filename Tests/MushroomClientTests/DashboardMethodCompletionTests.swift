import DashboardModel
import DashboardUI
import Foundation
import MushroomClient
import MushroomRPC
import MushroomTestSupport
import Testing

/// The dashboard's model on a real connection asks the server for its methods once: the Swift
/// demo server lists them for completion; the reference answers MethodNotFound, and completion
/// falls back to the methods seen, with no error row and no request row.
@Suite(.timeLimit(.minutes(3)))
struct DashboardMethodCompletionTests {
    /// Runs the model against `url` the way the dashboard's loop does (events in, due commands
    /// performed on the engine, results back) until the method listing was answered; returns
    /// the model then.
    static func modelAfterTheListing(url: String) async throws -> DashboardModel {
        let client = try await MushroomClient.connect(url: url)
        let events = client.events()
        var model = DashboardModel()
        var listed = false
        var commands = 0
        for _ in 0..<500 where !listed {
            model.ingest(events.drain())
            for command in model.tick(at: Date()) {
                commands += 1
                model.receive(CommandResult(id: command.id, outcome: await command.kind.perform(on: client.engine)))
                listed = true
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        // The listing's own events arrive after its result: take them too.
        try await Task.sleep(for: .milliseconds(100))
        model.ingest(events.drain())
        await client.close()
        #expect(listed)
        #expect(commands == 1)
        return model
    }

    @Test func theSwiftServersMethodsCompleteTheForm() async throws {
        let server = try await ServeProcess.start(arguments: ["--demo", "--tick-ms", "0", "--no-traffic", "--ping-ms", "0"])
        var model = try await Self.modelAfterTheListing(url: server.url)
        _ = await server.stop()
        _ = model.apply(.focus(.form), at: Date())
        _ = model.apply(.insert("publish"), at: Date())
        let snapshot = model.snapshot(at: Date())
        #expect(snapshot.form.completions == ["publish", "publish_topic"])
        #expect(snapshot.requests.rows.isEmpty)
        #expect(snapshot.errors.rows.isEmpty)
    }

    @Test(.interop) func againstTheReferenceCompletionFallsBackWithoutAnErrorRow() async throws {
        let peer = try await ReferencePeer.start(tickMilliseconds: 50)
        defer { peer.stop() }
        var model = try await Self.modelAfterTheListing(url: peer.url)
        _ = model.apply(.focus(.form), at: Date())
        _ = model.apply(.insert("tick"), at: Date())
        let snapshot = model.snapshot(at: Date())
        #expect(snapshot.errors.rows.isEmpty)
        #expect(snapshot.requests.rows.isEmpty)
        #expect(snapshot.form.completions == ["ticker.tick"])
    }
}
