import Foundation
import MushroomRPC
import MushroomTestSupport
import Testing

/// `mushroom bench` as a subprocess: usage errors, an unreachable server, and the JSON output.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct BenchCommandTests {
    static func mushroom(_ arguments: String...) async throws -> ChildProcessOutcome {
        try await runChildProcess(builtMushroomExecutable, arguments: arguments)
    }

    @Test(arguments: [
        (["--scenario", "storm"], "--scenario must be echo, pipeline or fanout, not 'storm'"),
        (["--connections", "0"], "The value '0' is invalid for '--connections <connections>': 0 is not a whole number from 1 to 10000"),
        (["--scenario", "pipeline", "--depth", "0"], "The value '0' is invalid for '--depth <depth>': 0 is not a whole number from 1 to 100000"),
        (["--depth", "8"], "--depth does not apply to the sequential echo scenario; use --scenario pipeline"),
        (["--duration", "0"],
         "The value '0' is invalid for '--duration <duration>': 0.0 is not a number of seconds above 0 and at most 3155760000 (100 years)"),
        (["--warmup=-1"], "The value '-1' is invalid for '--warmup <warmup>': -1.0 is not a number of seconds from 0 to 3155760000 (100 years)"),
        (["--transport", "carrier-pigeon"], "--transport must be ws or poll, not 'carrier-pigeon'"),
    ])
    func badArgumentsExit1WithOneSentence(arguments: [String], message: String) async throws {
        let result = try await runChildProcess(builtMushroomExecutable, arguments: ["bench", "http://127.0.0.1:9/"] + arguments)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "mushroom: \(message)\nRun 'mushroom help' for usage.\n")
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
}
