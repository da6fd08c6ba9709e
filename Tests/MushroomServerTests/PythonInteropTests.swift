import Foundation
import MushroomServer
import Testing

/// The server driven by a second implementation: `Tests/Support/python/raw_client.py`, a
/// standard-library Python client. Skipped when python3 is missing, unless
/// `MUSHROOM_REQUIRE_INTEROP=1` makes that a failure.
@Suite(.timeLimit(.minutes(1)), .enabled(if: PythonClient.shouldRun, PythonClient.skipReason))
struct PythonInteropTests {
    @Test func pythonIsAvailableWhenInteropIsRequired() throws {
        try #require(PythonClient.interpreter != nil, "MUSHROOM_REQUIRE_INTEROP=1 but python3 is not on PATH")
    }

    @Test(arguments: ["ws", "poll", "http-errors"])
    func scenario(_ name: String) async throws {
        try await withServer { server in
            let result = try await PythonClient.run(scenario: name, url: server.url)
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.hasSuffix("passed \(name)\n"), "\(result.output)")
        }
    }

    @Test func authScenario() async throws {
        try await withServer(sessionHandler: TokenSessionHandler()) { server in
            let result = try await PythonClient.run(scenario: "auth", url: server.url)
            #expect(result.status == 0, "\(result.output)")
        }
    }
}

/// Finds and runs the Python client.
enum PythonClient {
    static let required = ProcessInfo.processInfo.environment["MUSHROOM_REQUIRE_INTEROP"] == "1"

    /// python3 on PATH, if any.
    static let interpreter: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").lazy
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("python3") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static var shouldRun: Bool { interpreter != nil || required }

    static let skipReason: Comment = "python3 is not on PATH, so the Python client cannot run (set MUSHROOM_REQUIRE_INTEROP=1 to fail instead of skipping)"

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Support/python/raw_client.py")

    struct Outcome {
        let status: Int32
        let output: String
    }

    static func run(scenario: String, url: String) async throws -> Outcome {
        let interpreter = try #require(interpreter, "python3 is not on PATH")
        let process = Process()
        process.executableURL = interpreter
        process.arguments = [script.path, scenario, url]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let status = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return Outcome(status: status, output: output)
    }
}
