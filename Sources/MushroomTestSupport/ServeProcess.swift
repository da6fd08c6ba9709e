import Foundation
import Synchronization

/// `mushroom serve` running as a child process on a free loopback port, for tests that need the
/// real executable (the soak): its bootstrap URL, its process id, its output, and a graceful stop.
///
/// Nothing here blocks a Swift concurrency thread: the child's output and exit are taken on
/// threads of their own (`RunningChild`), and waiting is `Task.sleep`.
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
    private let child: RunningChild

    /// Starts `mushroom serve --host 127.0.0.1 --port 0` followed by `arguments`, and returns once
    /// it printed `Server running at URL`. Throws `ServeProcessFailed` with its stderr when it
    /// exits first or does not listen within `startupTimeout`. With `descriptorLimit`, the server
    /// runs under that file-descriptor limit (through util-linux's `prlimit`).
    public static func start(
        arguments: [String], executable: URL = builtMushroomExecutable, descriptorLimit: Int? = nil,
        startupTimeout: Duration = .seconds(60)
    ) async throws -> ServeProcess {
        let serve = [executable.path, "serve", "--host", "127.0.0.1", "--port", "0"] + arguments
        let child = try RunningChild(descriptorLimit.map { ["/usr/bin/prlimit", "--nofile=\($0):\($0)", "--"] + serve } ?? serve)
        let url: String
        do {
            url = try await child.output.waitForServerURL(of: child, named: "mushroom serve", timeout: startupTimeout) {
                ServeProcessFailed(description: $0)
            }
        } catch {
            _ = await child.terminate(grace: .seconds(5))
            throw error
        }
        return ServeProcess(url: url, child: child)
    }

    private init(url: String, child: RunningChild) {
        self.url = url
        self.processIdentifier = child.pid
        self.child = child
    }

    /// What the server wrote on stderr so far (its log).
    public var log: String { child.output.stderr }

    /// Whether the child is still running.
    public var isRunning: Bool { child.isRunning }

    /// Stops the server with SIGTERM (a graceful shutdown), or SIGKILL when it has not exited
    /// within `grace`; returns its exit status (`-1` when an earlier `stop` already reaped it).
    public func stop(grace: Duration = .seconds(15)) async -> Int32 {
        await child.terminate(grace: grace)
    }

    /// Kills the server with SIGKILL, as a crash would: no shutdown, no farewell to its clients;
    /// returns its exit status (`-1` when an earlier `stop` or `kill` already reaped it).
    public func kill() async -> Int32 {
        child.send(SIGKILL)
        return await child.waitForExit()
    }
}

/// `mushroom serve` failed to start.
public struct ServeProcessFailed: Error, CustomStringConvertible {
    public let description: String
}
