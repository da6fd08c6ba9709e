import Foundation
import MushroomTestSupport
import Testing

/// `mushroom dash --replay FILE` in tmux: the recording's notifications and its request fill the
/// panes with no server, the footer's progress line says where it is, space pauses it (the line
/// stays put), `+` speeds it up, and it plays to the end. The notifications are half a second
/// apart, so that a busy machine still sees it playing before it ends.
@Suite(.enabled(if: Tmux.path != nil, "tmux is not installed"), .timeLimit(.minutes(2)))
struct ReplayInTmuxTests {
    /// A header, a connection, 40 notifications 500 ms apart and an echo answered in 25 ms: 44 lines.
    static var recording: String {
        var lines = [
            #"{"mushroom_recording":1,"url":"http://recorded.example/","transport":"ws","started":1000}"#,
            #"{"t":1000,"event":"connected","transport":"ws","url":"ws://recorded.example/s/abc","session":"abc"}"#,
        ]
        for number in 0..<40 {
            lines.append(#"{"t":\#(1000.5 + Double(number) / 2),"dir":"in","msg":[1,\#(number),"replay.tick",{"n":\#(number)}]}"#)
            if number == 2 {
                lines.append(#"{"t":1001.75,"dir":"out","msg":[2,0,"echo",{"hello":"replay"}]}"#)
                lines.append(#"{"t":1001.775,"dir":"in","msg":[3,100,0,{"hello":"replay"}]}"#)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aRecordingPlaysPausesAndFinishes() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mushroom-replay-\(UUID().uuidString).ndjson").path
        try Self.recording.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let session = Tmux(name: "mushroom-replay-\(ProcessInfo.processInfo.processIdentifier)")
        try await session.start("TERM=tmux-256color \(builtMushroomExecutable.path) dash --replay \(file); echo \"exited with $?\"; sleep 30")
        defer { session.stop() }

        let playing = try await session.waitForScreen { $0.contains("replay.tick") && $0.contains("playing") }
        #expect(playing.contains("replay line "))
        #expect(playing.contains("/44 "))
        #expect(playing.contains("connected"))

        try await session.run("send-keys", "-t", session.name, "Space")
        let paused = try await session.waitForScreen { $0.contains(" paused") }
        let line = try #require(Self.progressLine(paused))
        try await Task.sleep(for: .seconds(1))
        let stillPaused = try await session.run("capture-pane", "-p", "-t", session.name)
        #expect(Self.progressLine(stillPaused) == line, "the playback went on while paused")

        for _ in 0..<4 { try await session.run("send-keys", "-t", session.name, "+") }
        _ = try await session.waitForScreen { $0.contains(" x16 paused") }
        try await session.run("send-keys", "-t", session.name, "Space")
        let finished = try await session.waitForScreen { $0.contains("replay line 44/44") && $0.contains("finished") }
        // The request replayed: "→ 0 echo ok 25ms {"hello":"replay"}" in the requests pane.
        #expect(finished.split(separator: "\n").contains { row in
            row.contains("→") && row.contains("echo") && row.contains(" ok ") && row.contains(#"{"hello":"replay"}"#)
        })
        #expect(finished.contains(#"{"n":39}"#))

        try await session.run("send-keys", "-t", session.name, "q")
        let after = try await session.waitForScreen(timeout: .seconds(10)) { $0.contains("exited with") }
        #expect(after.contains("exited with 0"))
    }

    /// The `replay line N/44` part of the footer.
    static func progressLine(_ screen: String) -> String? {
        guard let range = screen.range(of: #"replay line \d+/44"#, options: .regularExpression) else { return nil }
        return String(screen[range])
    }
}
