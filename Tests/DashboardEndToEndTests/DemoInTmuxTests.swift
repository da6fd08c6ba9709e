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
        // The form's result line follows its own command's result.
        _ = try await session.waitForScreen { screen in screen.contains(#"echo: ok "#) && screen.contains(#"ms {"hello":"tmux"}"#) }

        try await session.run("send-keys", "-t", session.name, "Escape")
        try await session.run("send-keys", "-t", session.name, "q")
        let after = try await session.waitForScreen { $0.contains("exited with") }
        #expect(after.contains("exited with 0"))
        // The alternate screen is gone: nothing of the dashboard is left on the terminal.
        #expect(!after.contains("notifications"))
        #expect(!after.contains("┌"))
    }
}
