import Foundation
import MushroomServer
import MushroomTestSupport
import Testing

/// The server driven by a second implementation: `Tests/Support/python/raw_client.py`, a
/// standard-library Python client. Skipped when python3 is missing, unless
/// `MUSHROOM_REQUIRE_INTEROP=1` makes that a failure.
@Suite(.interop, .timeLimit(.minutes(1)))
struct PythonInteropTests {
    @Test func pythonIsAvailableWhenInteropIsRequired() throws {
        try #require(InteropGate.python3 != nil, "MUSHROOM_REQUIRE_INTEROP=1 but python3 is not on PATH")
    }

    @Test(arguments: ["ws", "poll", "http-errors"])
    func scenario(_ name: String) async throws {
        try await withServer { server in
            let result = try await PythonClient.run(scenario: name, url: server.url)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.hasSuffix("passed \(name)\n"), "\(result.stdout)\(result.stderr)")
        }
    }

    @Test func authScenario() async throws {
        try await withServer(sessionHandler: TokenSessionHandler()) { server in
            let result = try await PythonClient.run(scenario: "auth", url: server.url)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        }
    }
}

/// Runs the Python client.
enum PythonClient {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Support/python/raw_client.py")

    static func run(scenario: String, url: String) async throws -> ChildProcessOutcome {
        let interpreter = try #require(InteropGate.python3, "python3 is not on PATH")
        return try await runChildProcess(URL(fileURLWithPath: interpreter), arguments: [script.path, scenario, url])
    }
}
