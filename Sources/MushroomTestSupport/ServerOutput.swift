import Foundation
import Synchronization

/// A server child process's stdout and stderr as they arrived (`RunningChild`), and the
/// `Server running at URL` line both `mushroom serve` and the reference peer print once listening.
final class ServerOutput: Sendable {
    private struct Buffers {
        var stdout = Data()
        var stderr = Data()
    }

    private let buffers = Mutex(Buffers())

    /// Appends bytes the child wrote on stdout (or stderr).
    func append(_ bytes: ArraySlice<UInt8>, isStdout: Bool) {
        buffers.withLock { buffers in
            if isStdout { buffers.stdout.append(contentsOf: bytes) } else { buffers.stderr.append(contentsOf: bytes) }
        }
    }

    var stderr: String { buffers.withLock { String(decoding: $0.stderr, as: UTF8.self) } }

    /// Waits for the `Server running at URL` line and returns the URL; when `process` exits first or
    /// the line does not come within `timeout`, throws `failure` of a sentence naming the server.
    func waitForServerURL(
        of child: RunningChild, named name: String, timeout: Duration, failure: (String) -> any Error
    ) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let url = serverURL { return url }
            if let status = child.exitStatus {
                throw failure("\(name) exited with status \(status) before listening: \(stderr)")
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
