import Foundation

/// How a child process ended and what it wrote.
public struct ChildProcessOutcome: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs a program to completion without blocking a Swift concurrency thread: the pipes are read on
/// threads of their own and the exit arrives through the termination handler. (Blocking reads or
/// `waitUntilExit()` on the cooperative pool, two threads wide here, starve every other test.)
public func runChildProcess(
    _ executable: URL, arguments: [String], environment: [String: String]? = nil
) async throws -> ChildProcessOutcome {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    let (exits, exited) = AsyncStream<Int32>.makeStream()
    process.terminationHandler = { ended in
        exited.yield(ended.terminationStatus)
        exited.finish()
    }
    try process.run()
    // Read while it runs: a child whose output fills the pipe waits for a reader.
    async let out = readToEnd(stdout.fileHandleForReading)
    async let err = readToEnd(stderr.fileHandleForReading)
    var status: Int32 = -1
    for await code in exits { status = code }
    return ChildProcessOutcome(
        status: status, stdout: String(decoding: await out, as: UTF8.self), stderr: String(decoding: await err, as: UTF8.self))
}

/// Reads a pipe to its end on a dedicated thread.
private func readToEnd(_ handle: FileHandle) async -> Data {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: handle.readDataToEndOfFile()) }.start()
    }
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
