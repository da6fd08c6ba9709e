import Foundation
import Synchronization

/// Collects a server child process's stdout and stderr as they arrive, and finds the
/// `Server running at URL` line both `mushroom serve` and the reference peer print once listening.
final class ServerOutput: Sendable {
    private struct Buffers {
        var stdout = Data()
        var stderr = Data()
    }

    private let buffers = Mutex(Buffers())

    func capture(_ process: Process) {
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        stdout.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil }
            self?.buffers.withLock { $0.stdout.append(data) }
        }
        stderr.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil }
            self?.buffers.withLock { $0.stderr.append(data) }
        }
    }

    func stopCapturing(_ process: Process) {
        for pipe in [process.standardOutput, process.standardError] {
            (pipe as? Pipe)?.fileHandleForReading.readabilityHandler = nil
        }
    }

    var stderr: String { buffers.withLock { String(decoding: $0.stderr, as: UTF8.self) } }

    /// Waits for the `Server running at URL` line and returns the URL; when `process` exits first or
    /// the line does not come within `timeout`, throws `failure` of a sentence naming the server.
    func waitForServerURL(
        of process: Process, named name: String, timeout: Duration, failure: (String) -> any Error
    ) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let url = serverURL { return url }
            if !process.isRunning {
                throw failure("\(name) exited with status \(process.terminationStatus) before listening: \(stderr)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw failure("\(name) did not print 'Server running at' within \(timeout): \(stderr)")
    }

    /// The URL of the `Server running at URL` line, once printed.
    private var serverURL: String? {
        let stdout = buffers.withLock { String(decoding: $0.stdout, as: UTF8.self) }
        let prefix = "Server running at "
        guard let line = stdout.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return nil }
        return String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
    }
}
