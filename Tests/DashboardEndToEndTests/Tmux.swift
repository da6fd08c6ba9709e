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

    /// Starts a detached 120x40 session running `command` (tmux's server stays behind: see
    /// `runDaemonStarter`).
    func start(_ command: String) async throws {
        let tmux = try #require(Self.path)
        let status = await runDaemonStarter([tmux, "-L", name, "new-session", "-d", "-s", name, "-x", "120", "-y", "40", command])
        try #require(status == 0, "tmux new-session exited with \(status)")
    }

    /// Ends the session's tmux server.
    func stop() {
        guard let tmux = Self.path else { return }
        runDetached([tmux, "-L", name, "kill-server"])
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
