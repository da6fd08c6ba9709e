import Foundation
import MushroomTestSupport
import Testing

/// In a real terminal: TERM=dumb is refused with one sentence before anything connects, and a
/// dashboard under LANG=C (an empty LC_ALL counting as unset) ends with the locale warning.
@Suite(.enabled(if: Tmux.path != nil, "tmux is not installed"), .timeLimit(.minutes(1)))
struct TerminalWarningsInTmuxTests {
    @Test func aDumbTerminalIsRefused() async throws {
        let session = Tmux(name: "mushroom-dumb-\(ProcessInfo.processInfo.processIdentifier)")
        try await session.start("TERM=dumb \(builtMushroomExecutable.path) dash http://127.0.0.1:9/; echo \"exited with $?\"; sleep 30")
        defer { session.stop() }
        let screen = try await session.waitForScreen(timeout: .seconds(10)) { $0.contains("exited with") }
        // The 120-column pane wraps the sentence.
        let after = screen.replacingOccurrences(of: "\n", with: "")
        #expect(after.contains(
            "mushroom: TERM=dumb cannot draw the dashboard (it cannot move the cursor); set TERM to the terminal's type, e.g. TERM=xterm-256color."))
        #expect(after.contains("exited with 1"))
    }

    @Test func aLocaleThatIsNotUTF8IsNamedByItsVariable() async throws {
        let session = Tmux(name: "mushroom-locale-\(ProcessInfo.processInfo.processIdentifier)")
        let command = "env -u LC_CTYPE LANG=C LC_ALL= TERM=tmux-256color \(builtMushroomExecutable.path) demo"
        try await session.start("\(command); echo \"exited with $?\"; sleep 30")
        defer { session.stop() }
        _ = try await session.waitForScreen { $0.contains("ticker.tick") }
        try await session.run("send-keys", "-t", session.name, "q")
        let screen = try await session.waitForScreen(timeout: .seconds(5)) { $0.contains("exited with") }
        let after = screen.replacingOccurrences(of: "\n", with: "")
        #expect(after.contains("mushroom: the locale LANG=C is not UTF-8, so only ASCII is drawn; set LANG=C.UTF-8 for the full dashboard"))
        #expect(after.contains("exited with 0"))
    }
}
