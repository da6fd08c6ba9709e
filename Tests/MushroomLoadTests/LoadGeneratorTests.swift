import Foundation
import MushroomClient
import MushroomLoad
import MushroomRPC
import Testing

/// Every scenario run briefly against an in-process demo server: the counts must add up.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct LoadGeneratorTests {
    static func options(_ url: String, _ scenario: LoadScenario, connections: Int, depth: Int? = nil, transport: TransportKind = .webSocket) -> LoadOptions {
        LoadOptions(
            url: url, scenario: scenario, connections: connections, depth: depth,
            duration: .milliseconds(300), warmup: .milliseconds(100), transport: transport)
    }

    @Test(arguments: [TransportKind.webSocket, .poll])
    func echoAnswersEveryRequest(transport: TransportKind) async throws {
        try await withDemoServer { server in
            let result = try await LoadGenerator.run(Self.options(server.url, .echo, connections: 2, transport: transport))
            #expect(result.counts.sent > 0)
            #expect(result.counts.answered == result.counts.sent)
            #expect(result.counts.errors == 0)
            #expect(result.counts.measured <= result.counts.answered)
            #expect(result.latency.count == result.counts.measured)
            #expect(result.measuredSeconds > 0)
        }
    }

    @Test func pipelineAnswersEveryRequestInFlight() async throws {
        try await withDemoServer { server in
            let result = try await LoadGenerator.run(Self.options(server.url, .pipeline, connections: 2, depth: 16))
            #expect(result.counts.sent >= 32)
            #expect(result.counts.answered == result.counts.sent)
            #expect(result.counts.errors == 0)
            #expect(result.latency.count == result.counts.measured)
            #expect(result.name == "pipeline")
        }
    }

    @Test func fanoutDeliversEveryPublishToEverySubscriber() async throws {
        try await withDemoServer { server in
            let result = try await LoadGenerator.run(Self.options(server.url, .fanout, connections: 5, depth: 4))
            #expect(result.counts.sent > 0)
            #expect(result.counts.answered == result.counts.sent)
            #expect(result.counts.delivered == result.counts.answered * 5)
            #expect(result.counts.lost == 0)
            #expect(result.counts.errors == 0)
            #expect(result.counts.measured <= result.counts.delivered)
            #expect(result.latency.count == result.counts.measured)
            #expect(result.figures.map(\.name).contains("fanout.lost"))
        }
    }

    @Test func sessionsDeliverEveryBroadcastToEverySession() async throws {
        try await withDemoServer { server in
            var options = Self.options(server.url, .sessions, connections: 6, depth: 3)
            options.serverPID = getpid()  // the server runs in this process
            let result = try await LoadGenerator.run(options)
            #expect(result.counts.sent > 0)
            #expect(result.counts.answered == result.counts.sent)
            #expect(result.counts.delivered == result.counts.answered * 6)
            #expect(result.counts.lost == 0)
            #expect(result.counts.errors == 0)
            #expect(result.counts.measured <= result.counts.delivered)
            #expect(result.latency.count * 3 == result.counts.measured)  // one time per session and round
            #expect(result.costs.map(\.name) == [
                "sessions.server.rss_per_session", "sessions.server.rss", "sessions.server.cpu_per_delivery",
                "sessions.client.cpu_per_delivery",
            ])
        }
    }

    @Test func sessionsWithoutTheServersProcessIDAreRefused() async throws {
        await #expect {
            try await LoadGenerator.run(Self.options("http://127.0.0.1:9/", .sessions, connections: 1))
        } throws: { error in
            "\(error)" == "the sessions scenario needs the server's process id (--server-pid)"
        }
    }

    @Test func unreachableServerThrowsTheClientsError() async throws {
        let url = try await withDemoServerURLThatIsClosed()
        await #expect(throws: BootstrapError.self) {
            try await LoadGenerator.run(Self.options(url, .echo, connections: 1))
        }
    }

    /// The URL of a demo server that has shut down again: nothing listens there any more.
    private func withDemoServerURLThatIsClosed() async throws -> String {
        var url = ""
        try await withDemoServer { server in url = server.url }
        return url
    }
}
