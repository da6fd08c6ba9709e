import Foundation
import MushroomTestSupport
import Testing

/// `mushroom demo` with a config file, in tmux: its alert fires in the header, the command palette
/// applies its named filter, its rebound key pauses, and the old key no longer does.
@Suite(.enabled(if: Tmux.path != nil, "tmux is not installed"), .timeLimit(.minutes(2)))
struct ConfigInTmuxTests {
    @Test func theConfigsAlertFilterAndKeysWork() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("config-tmux-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/mushroom", withIntermediateDirectories: true)
        try """
            [filters]
            ticks = "ticker.*"

            [keys]
            pause = "P"

            [alerts]
            slow = "method ticker.tick slower than 1000 per second for 1 seconds"
            """.write(toFile: home + "/mushroom/config.toml", atomically: true, encoding: .utf8)
        let session = Tmux(name: "mushroom-config-\(ProcessInfo.processInfo.processIdentifier)")
        let command = "XDG_CONFIG_HOME=\(home) TERM=tmux-256color \(builtMushroomExecutable.path) demo; echo \"exited with $?\"; sleep 30"
        try await session.start(command)
        defer { session.stop() }

        let alerted = try await session.waitForScreen { $0.contains("ALERT ticker.tick at ") }
        #expect(alerted.contains("!ticker.tick"))

        try await session.run("send-keys", "-t", session.name, ":")
        _ = try await session.waitForScreen { $0.contains("commands") && $0.contains("edit the stream filter") }
        try await session.run("send-keys", "-t", session.name, "-l", "ftick")
        _ = try await session.waitForScreen { $0.contains(": ftick") && $0.contains("filter ticks") }
        try await session.run("send-keys", "-t", session.name, "Enter")
        let filtered = try await session.waitForScreen { $0.contains("notifications [ticker.*]") }
        #expect(!filtered.contains("commands"))

        // p is pause's old key: it does nothing now; P pauses.
        try await session.run("send-keys", "-t", session.name, "p")
        try await Task.sleep(for: .milliseconds(300))
        #expect(!(try await session.run("capture-pane", "-p", "-t", session.name)).contains("PAUSED"))
        try await session.run("send-keys", "-t", session.name, "P")
        _ = try await session.waitForScreen { $0.contains("PAUSED") }

        try await session.run("send-keys", "-t", session.name, "q")
        let after = try await session.waitForScreen { $0.contains("exited with") }
        #expect(after.contains("exited with 0"))
    }
}
