import Foundation
import MushroomTestSupport
import Testing

/// A tmux session driven through the tmux command line.
struct Tmux {
    static let path: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The session's name, also the name of its own tmux server socket (`-L`), so that the
    /// operator's tmux is never touched.
    let name: String

    /// Starts a detached 120x40 session running `command`. Foundation's `Process` never sees this
    /// tmux client exit (the server it forks keeps Foundation's exit pipe open), so it is spawned and
    /// reaped directly, on a thread of its own.
    func start(_ command: String) async throws {
        let tmux = try #require(Self.path)
        let arguments = [tmux, "-L", name, "new-session", "-d", "-s", name, "-x", "120", "-y", "40", command]
        let status = await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            Thread { continuation.resume(returning: Self.spawnAndWait(arguments)) }.start()
        }
        try #require(status == 0, "tmux new-session exited with \(status)")
    }

    private static func spawnAndWait(_ arguments: [String]) -> Int32 {
        var pid: pid_t = 0
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // Only the standard descriptors go along: the tmux server would otherwise keep the pipes of
        // other tests' child processes open, and those tests would wait for its end.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        guard posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        guard waitpid(pid, &status, 0) == pid else { return -1 }
        return (status >> 8) & 0xFF
    }

    /// Ends the session's tmux server.
    func stop() {
        guard let tmux = Self.path else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tmux)
        process.arguments = ["-L", name, "kill-server"]
        try? process.run()
    }

    @discardableResult
    func run(_ arguments: String...) async throws -> String {
        let tmux = try #require(Self.path)
        let outcome = try await runChildProcess(URL(fileURLWithPath: tmux), arguments: ["-L", name] + arguments)
        try #require(outcome.status == 0, "tmux \(arguments.joined(separator: " ")): \(outcome.stderr)")
        return outcome.stdout
    }

    /// The screen once `condition` holds, polling `capture-pane` every 100 ms for up to `timeout`.
    func waitForScreen(timeout: Duration = .seconds(60), _ condition: (String) -> Bool) async throws -> String {
        var screen = ""
        for _ in 0..<Int(timeout / .milliseconds(100)) {
            screen = try await run("capture-pane", "-p", "-t", name)
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the screen did not show what was expected within \(timeout); last screen:\n\(screen)")
        throw CancellationError()
    }
}
