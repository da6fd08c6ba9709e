import Foundation
import MushroomTestSupport
import Testing

/// `mushroom dash --admin-token` on `mushroom serve --admin-token`, in tmux: the sessions pane
/// lists the server's sessions (the dashboard's own and a watcher's), sorts them on `s`, and asks
/// before ending one.
@Suite(.enabled(if: Tmux.path != nil, "tmux is not installed"), .timeLimit(.minutes(2)))
struct SessionsPaneInTmuxTests {
    @Test func theSessionsPaneListsSortsAndAsksBeforeEnding() async throws {
        let server = try await ServeProcess.start(arguments: ["--demo", "--admin-token", "t0ken"])
        let session = Tmux(name: "mushroom-sessions-\(ProcessInfo.processInfo.processIdentifier)")
        let mushroom = builtMushroomExecutable.path
        let command = "\(mushroom) watch \(server.url) > /dev/null & TERM=tmux-256color \(mushroom) dash \(server.url) --admin-token t0ken; "
            + "echo \"exited with $?\"; kill %1; sleep 30"
        try await session.start(command)
        defer { session.stop() }

        let listed = try await session.waitForScreen { $0.contains("2 live · by rate") }
        #expect(listed.contains("┌ sessions"))
        #expect(listed.split(separator: "\n").filter { $0.contains(" ws ") && $0.contains("unack ") }.count == 2)

        try await session.run("send-keys", "-t", session.name, "6")
        _ = try await session.waitForScreen { $0.contains("s sort  e end session") }
        try await session.run("send-keys", "-t", session.name, "s")
        _ = try await session.waitForScreen { $0.contains("2 live · by unacknowledged") }
        try await session.run("send-keys", "-t", session.name, "Down")
        try await session.run("send-keys", "-t", session.name, "e")
        _ = try await session.waitForScreen { $0.contains("? y: end it, any other key: keep it") }
        try await session.run("send-keys", "-t", session.name, "n")
        let kept = try await session.waitForScreen { !$0.contains("any other key: keep it") }
        #expect(kept.contains("2 live"))

        try await session.run("send-keys", "-t", session.name, "q")
        let after = try await session.waitForScreen { $0.contains("exited with") }
        #expect(after.contains("exited with 0"))
        #expect(server.isRunning, "the server stopped: \(server.log)")
        #expect(await server.stop() == 0)
    }
}
