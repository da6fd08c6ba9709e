import Foundation
import Logging
import MushroomServer
import MushroomTestSupport
import Testing

/// The config file, `--alert` and `watch --alerts` from the command line: each mistake is one
/// sentence and exit 1 before the terminal or the network is touched; the alerts of a real
/// connection come out as JSON lines.
@Suite(.timeLimit(.minutes(1)))
struct ConfigCommandTests {
    /// A config file with `text`, in a fresh directory laid out as XDG_CONFIG_HOME.
    static func configHome(_ text: String) throws -> (home: String, file: String) {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/mushroom", withIntermediateDirectories: true)
        let file = home + "/mushroom/config.toml"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return (home, file)
    }

    static func mushroom(_ arguments: [String], configHome: String) async throws -> ChildProcessOutcome {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = configHome
        return try await runChildProcess(builtMushroomExecutable, arguments: arguments, environment: environment)
    }

    @Test func aBrokenDefaultConfigIsNamedWithItsLineAndKey() async throws {
        let (home, file) = try Self.configHome("[servers.prod]\nurl = \"http://127.0.0.1:9/\"\ntransport = \"tcp\"\n")
        for arguments in [["dash", "http://127.0.0.1:9/"], ["demo"], ["watch", "http://127.0.0.1:9/", "--alerts"]] {
            let result = try await Self.mushroom(arguments, configHome: home)
            #expect(result.status == 1)
            #expect(result.stderr == "mushroom: the config file \(file), line 3, servers.prod.transport: expected \"ws\" or \"poll\", got \"tcp\".\n")
        }
    }

    @Test func aNamedConfigMustExist() async throws {
        let missing = "/nonexistent/\(UUID().uuidString).toml"
        let result = try await Self.mushroom(["dash", "--config", missing, "http://127.0.0.1:9/"], configHome: "/nonexistent")
        #expect(result.status == 1)
        #expect(result.stderr == "mushroom: the config file \(missing): no such file.\n")
    }

    @Test func aServerNameOpensItsURLAndAnUnknownNameIsRefused() async throws {
        let (home, file) = try Self.configHome("[servers.prod]\nurl = \"http://127.0.0.1:9/\"\n[servers.staging]\nurl = \"http://127.0.0.1:9/\"\n")
        // A known name gets as far as the terminal check.
        let known = try await Self.mushroom(["dash", "prod"], configHome: home)
        #expect(known.stderr == "mushroom: standard output is not a terminal, so the dashboard cannot be drawn; run it in a terminal.\n")
        let unknown = try await Self.mushroom(["dash", "prdo"], configHome: home)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "mushroom: \"prdo\" is neither a URL nor a server of the config file \(file) (its servers are prod, staging).\n")
    }

    @Test func aMalformedAlertRuleIsOneSentence() async throws {
        let (home, _) = try Self.configHome("")
        for arguments in [["dash", "http://127.0.0.1:9/"], ["watch", "http://127.0.0.1:9/", "--alerts"]] {
            let result = try await Self.mushroom(arguments + ["--alert", "no heartbeat for 0 seconds"], configHome: home)
            #expect(result.status == 1)
            #expect(result.stderr == """
                mushroom: --alert: the alert rule "no heartbeat for 0 seconds" is malformed: S (seconds) must be a whole number from 1 to 86400, not "0".

                """)
        }
        let none = try await Self.mushroom(["watch", "http://127.0.0.1:9/", "--alerts"], configHome: home)
        #expect(none.status == 1)
        #expect(none.stderr == "mushroom: --alerts needs alert rules: give --alert RULE, or [alerts] in the config file.\n")
    }

    @Test func aRuleOnAServerNeedsThatServerOnTheDashboard() async throws {
        let (home, _) = try Self.configHome("""
            [servers.prod]
            url = "http://127.0.0.1:9/"
            [servers.staging]
            url = "http://127.0.0.1:9/"
            [alerts]
            qa = "no heartbeat for 5 seconds on qa"

            """)
        let terminal = "mushroom: standard output is not a terminal, so the dashboard cannot be drawn; run it in a terminal.\n"
        // The config file's rule for qa is left out: it serves dashboards on any of its servers.
        #expect(try await Self.mushroom(["dash", "prod", "staging", "--alert", "unacknowledged above 1 on staging"], configHome: home).stderr == terminal)
        #expect(try await Self.mushroom(["dash", "prod", "--alert", "unacknowledged above 1 on prod"], configHome: home).stderr == terminal)
        let other = try await Self.mushroom(["dash", "prod", "staging", "--alert", "no heartbeat for 5 seconds on qa"], configHome: home)
        #expect(other.status == 1)
        #expect(other.stderr == """
            mushroom: --alert: the rule "no heartbeat for 5 seconds on qa" watches server qa, which this dashboard does not show (it shows prod, staging).

            """)
        let unnamed = try await Self.mushroom(["watch", "http://127.0.0.1:9/", "--alerts", "--alert", "unacknowledged above 1 on prod"], configHome: home)
        #expect(unnamed.status == 1)
        #expect(unnamed.stderr == """
            mushroom: --alert: the rule "unacknowledged above 1 on prod" watches server prod, and this command's server has no name: drop "on prod".

            """)
        let onlyNamed = try await Self.mushroom(["watch", "http://127.0.0.1:9/", "--alerts"], configHome: home)
        #expect(onlyNamed.status == 1)
        #expect(onlyNamed.stderr == """
            mushroom: --alerts needs alert rules: every rule of the config file names a server (on NAME), and watch's server has no name; give --alert RULE.

            """)
    }

    @Test func watchAlertsPrintsEachAlertAsItFiresAndClears() async throws {
        var configuration = MushroomServerConfiguration()
        configuration.port = 0
        configuration.logger = Logger(label: "test.alerts")
        configuration.logger.logLevel = .critical
        let server = try await MushroomServer(configuration: configuration).start()
        let (home, _) = try Self.configHome("[alerts]\nticks = \"method tick slower than 5 per second for 1 seconds\"\n")
        async let watched = Self.mushroom(["watch", server.url, "--alerts", "--count", "2"], configHome: home)
        for _ in 0..<400 where !(server.sessions.all.first?.engine.isAttached ?? false) { try await Task.sleep(for: .milliseconds(25)) }
        // No ticks: the alert fires about a second after the watch starts; then ticks clear it.
        try await Task.sleep(for: .seconds(2))
        for number in 0..<400 {
            try server.sessions.notify("tick", .integer(Int64(number)))
            try await Task.sleep(for: .milliseconds(20))
            if number > 100, server.sessions.count == 0 { break }
        }
        let result = try await watched
        await server.shutdown()
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 2)
        let time = #""time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"\}"#
        #expect(lines[0].wholeMatch(of: try Regex(
            #"\{"alert":"fired","rule":"method tick slower than 5 per second for 1 seconds","detail":"tick at 0/s, under 5/s for 1 s","#
                + time)) != nil)
        #expect(lines[1].wholeMatch(of: try Regex(#"\{"alert":"cleared","rule":"method tick slower than 5 per second for 1 seconds","# + time)) != nil)
    }
}
