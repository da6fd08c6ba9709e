import Foundation

/// How a child process ended and what it wrote.
public struct ChildProcessOutcome: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    /// From the spawn to the reaping of the child, measured on the thread that does both: the
    /// time the caller's task took to be resumed afterwards is not in it.
    public let elapsed: Duration
}

/// Runs a program to completion without blocking a Swift concurrency thread: it is started and
/// reaped on a thread of its own (`spawn`), which reads both of its pipes as they fill (a child
/// whose output fills a pipe waits for a reader). Throws when the program cannot be started.
public func runChildProcess(
    _ executable: URL, arguments: [String], environment: [String: String]? = nil
) async throws -> ChildProcessOutcome {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            continuation.resume(with: Result { try runToEnd([executable.path] + arguments, environment: environment) })
        }.start()
    }
}

/// The child could not be started.
public struct ChildProcessNotStarted: Error, CustomStringConvertible {
    public let path: String
    public var description: String { "could not start \(path)" }
}

private func runToEnd(_ arguments: [String], environment: [String: String]?) throws -> ChildProcessOutcome {
    let started = ContinuousClock.now
    let child = try PipedChild.start(arguments, environment: environment)
    var (stdout, stderr): ([UInt8], [UInt8]) = ([], [])
    child.readToEnd { isStdout, bytes in
        if isStdout { stdout += bytes } else { stderr += bytes }
    }
    let status = waitForExit(of: child.pid)
    return ChildProcessOutcome(
        status: status, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self),
        elapsed: ContinuousClock.now - started)
}

/// The `mushroom` executable built with the tests (test targets that use it depend on it).
public var builtMushroomExecutable: URL {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        Bundle.main.bundleURL.deletingLastPathComponent(),
        Bundle.main.bundleURL,
    ]
    return candidates.map { $0.appendingPathComponent("mushroom") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0].appendingPathComponent("mushroom")
}
