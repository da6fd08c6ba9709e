import Foundation
import Synchronization

/// A server-like child process (`mushroom serve`, the reference peer) started with `spawn`: a
/// thread of its own collects its stdout and stderr as they arrive (`output`), another reaps it
/// when it exits. Nothing blocks a Swift concurrency thread.
final class RunningChild: Sendable {
    let pid: pid_t
    let output = ServerOutput()
    /// The exit status once reaped (`waitForExit(of:)`'s value).
    private let status = Mutex<Int32?>(nil)
    private let exits: Mutex<AsyncStream<Int32>?>

    /// Starts `arguments` (the program's path first); throws `ChildProcessNotStarted` when it cannot.
    init(_ arguments: [String], environment: [String: String]? = nil) throws {
        let child = try PipedChild.start(arguments, environment: environment)
        pid = child.pid
        let (exits, exited) = AsyncStream<Int32>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.exits = Mutex(exits)
        let output = output
        Thread {
            child.readToEnd { isStdout, bytes in output.append(bytes, isStdout: isStdout) }
        }.start()
        // Weak: a child left running when its owner goes is killed by `deinit`.
        Thread { [weak self] in
            let code = MushroomTestSupport.waitForExit(of: child.pid)
            self?.status.withLock { $0 = code }
            exited.yield(code)
            exited.finish()
        }.start()
    }

    /// The exit status, `nil` while the child runs.
    var exitStatus: Int32? { status.withLock { $0 } }

    var isRunning: Bool { exitStatus == nil }

    /// Sends `signal` unless the child was already reaped (its id may then name another process).
    func send(_ signal: Int32) {
        status.withLock { status in
            if status == nil { kill(pid, signal) }
        }
    }

    /// Waits for the exit and returns its status; `-1` for every call after the first.
    func waitForExit() async -> Int32 {
        let exits = self.exits.withLock { stream in
            defer { stream = nil }
            return stream
        }
        guard let exits else { return -1 }
        var code: Int32 = -1
        for await status in exits { code = status }
        return code
    }

    /// Sends SIGTERM, then SIGKILL after `grace`, and waits for the exit; `-1` when an earlier
    /// wait already took it.
    func terminate(grace: Duration) async -> Int32 {
        send(SIGTERM)
        let killer = Task { [self] in
            try await Task.sleep(for: grace)
            send(SIGKILL)
        }
        defer { killer.cancel() }
        return await waitForExit()
    }

    deinit {
        send(SIGKILL)
    }
}
