import Foundation
import MushroomTestSupport
import Testing

/// `mushroom demo` driven like a person would, in tmux: notifications arrive, the form sends
/// `echo` with data, the response shows, `q` quits and the terminal is restored.
@Suite(.enabled(if: Tmux.path != nil, "tmux is not installed"), .timeLimit(.minutes(2)))
struct DemoInTmuxTests {
    @Test func demoSendsAnEchoFromTheFormAndQuitsCleanly() async throws {
        let session = Tmux(name: "mushroom-e2e-\(ProcessInfo.processInfo.processIdentifier)")
        let command = "TERM=tmux-256color \(builtMushroomExecutable.path) demo; echo \"exited with $?\"; sleep 30"
        try await session.start(command)
        defer { session.stop() }

        let live = try await session.waitForScreen { $0.contains("ticker.tick") && $0.contains("connected") }
        #expect(live.contains("notifications"))

        try await session.run("send-keys", "-t", session.name, "f")
        try await session.run("send-keys", "-t", session.name, "-l", "echo")
        try await session.run("send-keys", "-t", session.name, "Down")
        try await session.run("send-keys", "-t", session.name, "-l", #"{"hello":"tmux"}"#)
        try await session.run("send-keys", "-t", session.name, "Enter")
        // The requests pane shows the outbound request answered: "→ ID echo ok LATENCY {"hello":"tmux"}".
        let answered = try await session.waitForScreen { screen in
            screen.split(separator: "\n").contains { line in
                line.contains("→") && line.contains("echo") && line.contains(" ok ") && line.contains(#"{"hello":"tmux"}"#)
            }
        }
        #expect(answered.contains("ticker.tick"))

        try await session.run("send-keys", "-t", session.name, "Escape")
        try await session.run("send-keys", "-t", session.name, "q")
        let after = try await session.waitForScreen { $0.contains("exited with") }
        #expect(after.contains("exited with 0"))
        // The alternate screen is gone: nothing of the dashboard is left on the terminal.
        #expect(!after.contains("notifications"))
        #expect(!after.contains("┌"))
    }
}

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
        guard posix_spawn(&pid, arguments[0], nil, nil, &argv, environ) == 0 else { return -1 }
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

    /// The screen once `condition` holds, polling `capture-pane` for up to a minute.
    func waitForScreen(_ condition: (String) -> Bool) async throws -> String {
        var screen = ""
        for _ in 0..<600 {
            screen = try await run("capture-pane", "-p", "-t", name)
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the screen never showed what was expected; last screen:\n\(screen)")
        throw CancellationError()
    }
}
