import Foundation
import MushroomTestSupport
import Testing

/// `mushroom dash prod URL` in tmux, `prod` from a config file: both demo servers' rows with
/// their names, each server's state in the header, `v` showing each alone, and one server
/// stopping while the other's rows go on.
@Suite(.enabled(if: Tmux.path != nil, "tmux is not installed"), .timeLimit(.minutes(2)))
struct SeveralServersInTmuxTests {
    @Test func oneDashboardOnTwoServers() async throws {
        let prod = try await ServeProcess.start(arguments: ["--demo"])
        let other = try await ServeProcess.start(arguments: ["--demo"])
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("config-servers-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/mushroom", withIntermediateDirectories: true)
        try "[servers.prod]\nurl = \"\(prod.url)\"\n".write(toFile: home + "/mushroom/config.toml", atomically: true, encoding: .utf8)
        let otherName = "127.0.0.1:\(try #require(URLComponents(string: other.url)?.port))"
        let session = Tmux(name: "mushroom-servers-\(ProcessInfo.processInfo.processIdentifier)")
        let command = "XDG_CONFIG_HOME=\(home) TERM=tmux-256color \(builtMushroomExecutable.path) dash prod \(other.url); echo \"exited with $?\"; sleep 30"
        try await session.start(command)
        defer { session.stop() }

        func rows(of name: String, in screen: String) -> [Substring] {
            screen.split(separator: "\n").filter { $0.contains("│") && $0.contains(" \(name) ") && $0.contains("ticker.tick") }
        }
        let merged = try await session.waitForScreen { screen in
            screen.contains("prod connected") && screen.contains("\(otherName) connected") && screen.contains("view: all servers")
                && !rows(of: "prod", in: screen).isEmpty && !rows(of: otherName, in: screen).isEmpty
        }
        #expect(merged.contains("v server"))

        try await session.run("send-keys", "-t", session.name, "v")
        let prodAlone = try await session.waitForScreen { $0.contains("notifications prod") && $0.contains("view: prod") }
        #expect(prodAlone.contains("connection prod"))
        try await session.run("send-keys", "-t", session.name, "v")
        _ = try await session.waitForScreen { $0.contains("notifications \(otherName)") && $0.contains("send to \(otherName)") }
        try await session.run("send-keys", "-t", session.name, "v")
        _ = try await session.waitForScreen { $0.contains("view: all servers") }

        // The other server goes away: its state changes, prod's rows go on arriving.
        _ = await other.stop()
        let stopped = try await session.waitForScreen { !$0.contains("\(otherName) connected") && $0.contains("prod connected") }
        let newest = rows(of: "prod", in: stopped).last
        _ = try await session.waitForScreen { screen in
            screen.contains("prod connected") && rows(of: "prod", in: screen).last != newest
        }

        try await session.run("send-keys", "-t", session.name, "q")
        let after = try await session.waitForScreen { $0.contains("exited with") }
        #expect(after.contains("exited with 0"))
        _ = await prod.stop()
    }
}
