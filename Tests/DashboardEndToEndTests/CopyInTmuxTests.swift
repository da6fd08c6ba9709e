import Foundation
import MushroomTestSupport
import Testing

/// `y` in `mushroom demo` under tmux with `set-clipboard on`: the OSC 52 sequence reaches tmux,
/// whose paste buffer then holds the selected notification as compact JSON, and the footer says
/// what was copied.
@Suite(.enabled(if: Tmux.path != nil, "tmux is not installed"), .timeLimit(.minutes(2)))
struct CopyInTmuxTests {
    @Test func yPutsTheSelectedNotificationInTmuxsBuffer() async throws {
        let session = Tmux(name: "mushroom-copy-\(ProcessInfo.processInfo.processIdentifier)")
        let command = "TERM=tmux-256color \(builtMushroomExecutable.path) demo; echo \"exited with $?\"; sleep 30"
        try await session.start(command)
        defer { session.stop() }
        try await session.run("set-option", "-g", "set-clipboard", "on")
        _ = try await session.waitForScreen { $0.contains("ticker.tick") && $0.contains("connected") }

        try await session.run("send-keys", "-t", session.name, "p")
        try await session.run("send-keys", "-t", session.name, "Up")
        try await session.run("send-keys", "-t", session.name, "y")
        let screen = try await session.waitForScreen { $0.contains("copied notification") }
        let footer = try #require(screen.split(separator: "\n").first { $0.contains("copied notification") })
        // "copied notification 17 ticker.tick: 61 bytes of compact JSON"
        let words = footer.split(separator: " ")
        let id = try #require(words.firstIndex(of: "notification").map { Int(words[$0 + 1]) } ?? nil)
        // The selected row is the newest when paused: whichever method the demo sent last.
        let method = try #require(words.firstIndex(of: "notification").map { String(words[$0 + 2].dropLast()) })
        let size = try #require(words.firstIndex(of: "bytes").map { Int(words[$0 - 1]) } ?? nil)

        let buffer = try await session.run("show-buffer")
        #expect(buffer.utf8.count == size)
        let copied = try #require(try JSONSerialization.jsonObject(with: Data(buffer.utf8)) as? [String: Any])
        #expect(copied["id"] as? Int == id)
        #expect(copied["method"] as? String == method)
        #expect(screen.contains(method))
        #expect(copied["data"] != nil)
        #expect(copied["time"] != nil)

        try await session.run("send-keys", "-t", session.name, "q")
        let after = try await session.waitForScreen { $0.contains("exited with") }
        #expect(after.contains("exited with 0"))
    }
}
