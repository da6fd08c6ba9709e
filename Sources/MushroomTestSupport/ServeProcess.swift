import Foundation
import Synchronization

/// `mushroom serve` running as a child process on a free loopback port, for tests that need the
/// real executable (the soak): its bootstrap URL, its process id, its output, and a graceful stop.
///
/// Nothing here blocks a Swift concurrency thread: output arrives through readability handlers,
/// the exit through the termination handler, and waiting is `Task.sleep`.
///
/// ```swift
/// let server = try await ServeProcess.start(arguments: ["--demo", "--max-unacknowledged", "200"])
/// let rss = try ProcessMemory.residentKiB(of: server.processIdentifier)  // MushroomLoad
/// let status = await server.stop()
/// ```
public final class ServeProcess: Sendable {
    /// The bootstrap URL the server printed, `http://127.0.0.1:PORT/`.
    public let url: String
    /// The child's process id (for `/proc/PID/status`).
    public let processIdentifier: Int32
    private let process: Process
    private let output: ServerOutput
    private let exits: Mutex<AsyncStream<Int32>?>

    /// Starts `mushroom serve --host 127.0.0.1 --port 0` followed by `arguments`, and returns once
    /// it printed `Server running at URL`. Throws `ServeProcessFailed` with its stderr when it
    /// exits first or does not listen within `startupTimeout`. With `descriptorLimit`, the server
    /// runs under that file-descriptor limit (through util-linux's `prlimit`).
    public static func start(
        arguments: [String], executable: URL = builtMushroomExecutable, descriptorLimit: Int? = nil,
        startupTimeout: Duration = .seconds(60)
    ) async throws -> ServeProcess {
        let process = Process()
        let serve = ["serve", "--host", "127.0.0.1", "--port", "0"] + arguments
        if let descriptorLimit {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
            process.arguments = ["--nofile=\(descriptorLimit):\(descriptorLimit)", "--", executable.path] + serve
        } else {
            process.executableURL = executable
            process.arguments = serve
        }
        let output = ServerOutput()
        let (exits, exited) = AsyncStream<Int32>.makeStream(bufferingPolicy: .bufferingNewest(1))
        process.terminationHandler = { ended in
            exited.yield(ended.terminationStatus)
            exited.finish()
        }
        output.capture(process)
        try process.run()
        let url: String
        do {
            url = try await output.waitForServerURL(of: process, named: "mushroom serve", timeout: startupTimeout) {
                ServeProcessFailed(description: $0)
            }
        } catch {
            _ = await terminate(process, exits: exits, grace: .seconds(5))
            throw error
        }
        return ServeProcess(url: url, process: process, output: output, exits: exits)
    }

    private init(url: String, process: Process, output: ServerOutput, exits: AsyncStream<Int32>) {
        self.url = url
        self.processIdentifier = process.processIdentifier
        self.process = process
        self.output = output
        self.exits = Mutex(exits)
    }

    /// What the server wrote on stderr so far (its log).
    public var log: String { output.stderr }

    /// Whether the child is still running.
    public var isRunning: Bool { process.isRunning }

    /// Stops the server with SIGTERM (a graceful shutdown), or SIGKILL when it has not exited
    /// within `grace`; returns its exit status (`-1` when an earlier `stop` already reaped it).
    public func stop(grace: Duration = .seconds(15)) async -> Int32 {
        let exits = self.exits.withLock { stream in
            defer { stream = nil }
            return stream
        }
        guard let exits else { return -1 }
        let status = await terminate(process, exits: exits, grace: grace)
        output.stopCapturing(process)
        return status
    }

    /// Kills the server with SIGKILL, as a crash would: no shutdown, no farewell to its clients;
    /// returns its exit status (`-1` when an earlier `stop` or `kill` already reaped it).
    public func kill() async -> Int32 {
        let exits = self.exits.withLock { stream in
            defer { stream = nil }
            return stream
        }
        guard let exits else { return -1 }
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        var status: Int32 = -1
        for await code in exits { status = code }
        output.stopCapturing(process)
        return status
    }

    deinit {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }
}

/// Sends SIGTERM, then SIGKILL after `grace`, and waits for the exit reported on `exits`.
private func terminate(_ process: Process, exits: AsyncStream<Int32>, grace: Duration) async -> Int32 {
    if process.isRunning { kill(process.processIdentifier, SIGTERM) }
    let killer = Task {
        try await Task.sleep(for: grace)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
    var status: Int32 = -1
    for await code in exits { status = code }
    killer.cancel()
    return status
}

/// `mushroom serve` failed to start.
public struct ServeProcessFailed: Error, CustomStringConvertible {
    public let description: String
}
