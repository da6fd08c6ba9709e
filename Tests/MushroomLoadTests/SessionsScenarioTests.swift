import Foundation
import MushroomLoad
import MushroomRPC
import MushroomTestSupport
import Testing

/// `mushroom bench --scenario sessions` as a subprocess, against `mushroom serve` children: the
/// descriptor limits it checks before opening anything, and its figures.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct SessionsScenarioTests {
    static let quietDemo = ["--demo", "--tick-ms", "0", "--no-traffic", "--ping-ms", "0", "--log-level", "error"]

    @Test func aHardLimitTooLowForTheSessionsExits1() async throws {
        let result = try await runChildProcess(
            URL(fileURLWithPath: "/usr/bin/prlimit"),
            arguments: ["--nofile=200:200", "--", builtMushroomExecutable.path, "bench", "http://127.0.0.1:9/",
                        "--scenario", "sessions", "--server-pid", "\(getpid())", "--connections", "1000"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "mushroom: the file-descriptor hard limit is 200; 1000 sessions need 1064: raise it (ulimit -Hn, or prlimit --nofile)\n")
    }

    @Test func aServerWhoseLimitIsTooLowExits1() async throws {
        let server = try await ServeProcess.start(arguments: Self.quietDemo, descriptorLimit: 100)
        let result = try await runChildProcess(
            builtMushroomExecutable,
            arguments: ["bench", server.url, "--scenario", "sessions", "--server-pid", "\(server.processIdentifier)", "--connections", "200"])
        _ = await server.stop()
        #expect(result.status == 1)
        #expect(result.stderr == """
            mushroom: the server (process \(server.processIdentifier)) may open 100 files; 200 sessions need 264: \
            start it with a higher limit (ulimit -n, or prlimit --nofile)

            """)
    }

    @Test func aServerProcessThatIsGoneExits1() async throws {
        let ended = try await runChildProcess(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "echo $$"])
        let pid = ended.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try await runChildProcess(
            builtMushroomExecutable, arguments: ["bench", "http://127.0.0.1:9/", "--scenario", "sessions", "--server-pid", pid])
        #expect(result.status == 1)
        #expect(result.stderr == "mushroom: cannot read /proc/\(pid)/limits: is process \(pid) running?\n")
    }

    @Test func jsonPrintsTheDeliveriesAndTheServersCosts() async throws {
        let server = try await ServeProcess.start(arguments: Self.quietDemo)
        let result = try await runChildProcess(
            builtMushroomExecutable,
            arguments: ["bench", server.url, "--scenario", "sessions", "--server-pid", "\(server.processIdentifier)",
                        "--connections", "20", "--depth", "3", "--duration", "0.3", "--warmup", "0", "--json"])
        _ = await server.stop()
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let figures = try result.stdout.split(separator: "\n").map { try JSONValue(parsing: String($0)) }
        #expect(figures.compactMap { $0["name"]?.stringValue } == [
            "sessions.throughput", "sessions.latency.p50", "sessions.latency.p90", "sessions.latency.p99",
            "sessions.latency.p99.9", "sessions.latency.max", "sessions.errors", "sessions.lost",
            "sessions.server.rss_per_session", "sessions.server.rss", "sessions.server.cpu_per_delivery",
            "sessions.client.cpu_per_delivery",
        ])
        let values = Dictionary(uniqueKeysWithValues: figures.compactMap { figure in
            figure["name"]?.stringValue.flatMap { name in figure["value"]?.doubleValue.map { (name, $0) } }
        })
        #expect(values["sessions.throughput"].map { $0 > 0 } == true)
        #expect(values["sessions.errors"] == 0)
        #expect(values["sessions.lost"] == 0)
        #expect(values["sessions.server.rss"].map { $0 > 1 } == true)
    }
}
