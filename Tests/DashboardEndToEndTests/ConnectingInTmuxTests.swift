import Foundation
import MushroomTestSupport
import Testing

/// The dashboard shows at once and connects behind it: `q` quits at once even while a server that
/// never answers keeps the bootstrap waiting, and a bootstrap that fails ends the dashboard with
/// its sentence.
@Suite(.enabled(if: Tmux.path != nil, "tmux is not installed"), .timeLimit(.minutes(1)))
struct ConnectingInTmuxTests {
    @Test func qQuitsWhileTheBootstrapWaits() async throws {
        let server = try await SilentServer.start()
        let session = Tmux(name: "mushroom-quit-\(ProcessInfo.processInfo.processIdentifier)")
        try await session.start("TERM=tmux-256color \(builtMushroomExecutable.path) dash \(server.url); echo \"exited with $?\"; sleep 30")
        defer { session.stop() }
        let waiting = try await session.waitForScreen(timeout: .seconds(10)) { $0.contains("connecting") }
        #expect(waiting.contains("notifications"))

        try await session.run("send-keys", "-t", session.name, "q")
        let after = try await session.waitForScreen(timeout: .seconds(2)) { $0.contains("exited with") }
        #expect(after.contains("exited with 0"))
        await server.stop()
    }

    @Test func aRefusedBootstrapEndsTheDashboardWithItsSentence() async throws {
        let refusing = try RefusingPort()
        let port = refusing.port
        let session = Tmux(name: "mushroom-refused-\(ProcessInfo.processInfo.processIdentifier)")
        try await session.start("TERM=tmux-256color \(builtMushroomExecutable.path) dash http://127.0.0.1:\(port)/; echo \"exited with $?\"; sleep 30")
        defer { session.stop() }
        let after = try await session.waitForScreen(timeout: .seconds(10)) { $0.contains("exited with") }
        #expect(after.contains("mushroom: Connection refused by 127.0.0.1:\(port); is the server running?"))
        #expect(after.contains("exited with 1"))
        #expect(!after.contains("notifications"))
        withExtendedLifetime(refusing) {}
    }
}
