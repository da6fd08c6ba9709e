import Foundation
import MushroomTestSupport
import Testing

/// A fatal signal under the dashboard (SIGSEGV sent to `mushroom demo` running in tmux) restores
/// the terminal, says so in one sentence and ends the process at once: no backtracer holding a
/// raw, alternate-screen terminal.
@Suite(.enabled(if: Tmux.path != nil, "tmux is not installed"), .timeLimit(.minutes(2)))
struct CrashInTmuxTests {
    @Test(arguments: [SIGSEGV, SIGABRT])
    func aFatalSignalRestoresTheTerminalAndExitsAtOnce(signal: Int32) async throws {
        let name = "mushroom-crash-\(ProcessInfo.processInfo.processIdentifier)-\(signal)"
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).pid").path
        let settings = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).stty").path
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        defer { try? FileManager.default.removeItem(atPath: settings) }
        let session = Tmux(name: name)
        let mushroom = builtMushroomExecutable.path
        try await session.start("""
            stty -g > \(settings); sh -c 'echo $$ > \(pidFile); exec env TERM=tmux-256color \(mushroom) demo'; \
            echo "exited with $?"; stty -g | cmp -s - \(settings) && echo "terminal settings restored"; sleep 30
            """)
        defer { session.stop() }
        _ = try await session.waitForScreen { $0.contains("ticker.tick") }
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))

        #expect(kill(pid, signal) == 0)
        let after = try await session.waitForScreen(timeout: .seconds(2)) { $0.contains("terminal settings restored") }
        let signalName = signal == SIGSEGV ? "SIGSEGV" : "SIGABRT"
        #expect(after.contains("mushroom: the dashboard stopped on \(signalName) (a bug in mushroom); the terminal was restored."))
        #expect(after.contains("exited with \(128 + signal)"))
        #expect(!after.contains("notifications") && !after.contains("┌"))
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
    }
}
