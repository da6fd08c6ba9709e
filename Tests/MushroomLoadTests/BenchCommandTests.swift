import Foundation
import MushroomRPC
import MushroomServer
import MushroomTestSupport
import Testing

/// `mushroom bench` as a subprocess: usage errors, an unreachable server, and the JSON output.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct BenchCommandTests {
    static func mushroom(_ arguments: String...) async throws -> ChildProcessOutcome {
        try await runChildProcess(builtMushroomExecutable, arguments: arguments)
    }

    @Test(arguments: [
        (["--scenario", "storm"], "--scenario must be echo, pipeline, fanout, sessions, ingest, cluster or replay, not 'storm'"),
        (["--scenario", "echo", "--subscribe-at", "http://127.0.0.1:1/"], "--subscribe-at applies to the cluster scenario only"),
        (["--scenario", "cluster", "--depth", "2"], "the cluster scenario takes --connections, --duration, --warmup and --subscribe-at only"),
        (["--scenario", "ingest", "--client", "curl"], "--client must be watch or dash, not 'curl'"),
        (["--scenario", "ingest", "--rate", "99"],
         "The value '99' is invalid for '--rate <rate>': 99 is not a whole number from 100 to 1000000"),
        (["--scenario", "ingest", "--rate", "1e9"],
         "The value '1e9' is invalid for '--rate <rate>': 1e9 is not a whole number from 100 to 1000000"),
        (["--scenario", "ingest", "--connections", "2"],
         "--connections and --depth do not apply to the ingest scenario, which measures one client"),
        (["--scenario", "fanout", "--rate", "1000"], "--client, --rate and --also apply to the ingest scenario only"),
        (["--scenario", "echo", "--also", "http://127.0.0.1:2/"], "--client, --rate and --also apply to the ingest scenario only"),
        (["--scenario", "ingest", "--also", "http://127.0.0.1:2/"], "--also applies to --client dash only: watch takes one server"),
        (["--scenario", "ingest", "--client", "dash", "--also", "http://127.0.0.1:2/", "--record"],
         "--record records one server: leave out --also"),
        (["--connections", "0"], "The value '0' is invalid for '--connections <connections>': 0 is not a whole number from 1 to 10000"),
        (["--scenario", "pipeline", "--depth", "0"], "The value '0' is invalid for '--depth <depth>': 0 is not a whole number from 1 to 100000"),
        (["--depth", "8"], "--depth does not apply to the sequential echo scenario; use --scenario pipeline"),
        (["--duration", "0"],
         "The value '0' is invalid for '--duration <duration>': 0.0 is not a number of seconds above 0 and at most 3155760000 (100 years)"),
        (["--warmup=-1"], "The value '-1' is invalid for '--warmup <warmup>': -1.0 is not a number of seconds from 0 to 3155760000 (100 years)"),
        (["--transport", "carrier-pigeon"], "--transport must be ws or poll, not 'carrier-pigeon'"),
        (["--scenario", "sessions"], "--scenario sessions needs --server-pid, the process id of the server at the URL"),
        (["--scenario", "sessions", "--server-pid", "7", "--transport", "poll"],
         "--scenario sessions opens WebSocket sessions only; leave out --transport poll"),
        (["--server-pid", "7"], "--server-pid applies to --scenario sessions only"),
        (["--scenario", "ingest", "--cacert", "ca.pem"], "--scenario ingest measures plain http servers only; TLS applies to echo, pipeline and fanout"),
        (["--scenario", "sessions", "--server-pid", "7", "--cacert", "ca.pem"],
         "--scenario sessions measures plain http servers only; TLS applies to echo, pipeline and fanout"),
        (["--scenario", "cluster", "--cacert", "ca.pem"], "--scenario cluster measures plain http servers only; TLS applies to echo, pipeline and fanout"),
        (["--scenario", "replay"], "the replay scenario needs no URL: it plays a recording of its own"),
        (["--record"], "--record applies to the ingest scenario only"),
        (["--lines", "5000"], "--lines applies to the replay scenario only"),
        (["--scenario", "sessions", "--server-pid", "0"],
         "The value '0' is invalid for '--server-pid <server-pid>': 0 is not a whole number from 1 to 2147483647"),
    ])
    func badArgumentsExit1WithOneSentence(arguments: [String], message: String) async throws {
        let result = try await runChildProcess(builtMushroomExecutable, arguments: ["bench", "http://127.0.0.1:9/"] + arguments)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "mushroom: \(message)\nRun 'mushroom help' for usage.\n")
    }

    @Test func onlyTheReplayScenarioGoesWithoutAURL() async throws {
        let result = try await Self.mushroom("bench")
        #expect(result.status == 1)
        #expect(result.stderr == "mushroom: a URL is needed (the replay scenario alone takes none)\nRun 'mushroom help' for usage.\n")
        let lines = try await Self.mushroom("bench", "--scenario", "replay", "--lines", "10")
        #expect(lines.stderr == "mushroom: The value '10' is invalid for '--lines <lines>': 10 is not a whole number from 1000 to 10000000\nRun 'mushroom help' for usage.\n")
    }

    @Test func unreachableServerExits1() async throws {
        let refusing = try RefusingPort()
        let port = refusing.port
        let result = try await Self.mushroom("bench", "http://127.0.0.1:\(port)/", "--duration", "0.1")
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "mushroom: Connection refused by 127.0.0.1:\(port); is the server running?\n")
        withExtendedLifetime(refusing) {}
    }

    @Test func jsonPrintsOneFigurePerLine() async throws {
        try await withDemoServer { server in
            let result = try await Self.mushroom(
                "bench", server.url, "--scenario", "pipeline", "--depth", "8", "--duration", "0.2", "--warmup", "0", "--json")
            #expect(result.status == 0)
            #expect(result.stderr == "")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            let figures = try lines.map { try JSONValue(parsing: $0) }
            #expect(figures.compactMap { $0.objectValue.map { $0.keys.sorted() } } == Array(repeating: ["name", "unit", "value"], count: lines.count))
            #expect(figures.compactMap { $0["name"]?.stringValue } == [
                "pipeline.throughput", "pipeline.latency.p50", "pipeline.latency.p90", "pipeline.latency.p99",
                "pipeline.latency.p99.9", "pipeline.latency.max", "pipeline.errors",
            ])
            #expect(figures.first?["unit"] == "requests/s")
            #expect(figures.compactMap { $0["value"]?.doubleValue }.count == lines.count)
            #expect(figures.last?["value"]?.doubleValue == 0)
        }
    }

    @Test func humanOutputIsASummary() async throws {
        try await withDemoServer { server in
            let result = try await Self.mushroom("bench", server.url, "--duration", "0.2", "--warmup", "0")
            #expect(result.status == 0)
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.first == "====== echo ======")
            #expect(lines.contains("  1 connection, 1 request in flight per connection, ws transport"))
            #expect(lines.contains("  0 errors (0 refused, 0 failed)"))
            #expect(lines.contains { $0.hasPrefix("  throughput summary: ") && $0.hasSuffix(" requests per second") })
        }
    }

    /// The ingest scenario starts `mushroom watch` as its child, floods it through the demo's
    /// `publish_topic` and finds every line in its output.
    @Test func ingestMeasuresAWatchThatMissesNothing() async throws {
        try await withDemoServer { server in
            let result = try await Self.mushroom(
                "bench", server.url, "--scenario", "ingest", "--client", "watch", "--rate", "2000", "--duration", "0.5",
                "--warmup", "0.2", "--json")
            #expect(result.status == 0, "\(result.stderr)")
            let figures = try result.stdout.split(separator: "\n").map { try JSONValue(parsing: String($0)) }
            #expect(figures.compactMap { $0["name"]?.stringValue } == [
                "ingest.watch.rate", "ingest.watch.cpu_per_notification", "ingest.watch.core_share", "ingest.watch.lost",
            ])
            #expect(figures.last?["value"]?.doubleValue == 0)
            #expect((figures.first?["value"]?.doubleValue ?? 0) > 0)
        }
    }

    /// On a pseudo-terminal the dashboard draws the flood and answers `?` with its help.
    @Test func ingestMeasuresADashboardAndItsKeys() async throws {
        try await withDemoServer { server in
            let result = try await Self.mushroom(
                "bench", server.url, "--scenario", "ingest", "--client", "dash", "--rate", "2000", "--duration", "2.5",
                "--warmup", "0.2")
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "====== ingest (dash) ======")
            #expect(lines.contains { $0.hasPrefix("  a key answered on screen in ") && $0.hasSuffix("; 0 of 2 not answered within 2.0 seconds") })
        }
    }

    @Test func ingestAgainstAServerWithoutPublishTopicSaysWhatItNeeds() async throws {
        var configuration = MushroomServerConfiguration()
        configuration.port = 0
        configuration.logger.logLevel = .critical
        let server = try await MushroomServer(configuration: configuration).start()
        let result = try await Self.mushroom("bench", server.url, "--scenario", "ingest", "--duration", "0.2")
        await server.shutdown()
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            mushroom: the server answered publish_topic with an Error ("publish_topic"); the ingest scenario needs a Swift \
            `mushroom serve --demo`

            """)
    }
}
