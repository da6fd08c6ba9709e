import Foundation
import MushroomTestSupport
import Testing

/// `mushroom dash URL URL...` from the command line: each mistake about the servers is one
/// sentence and exit 1 before the terminal or the network is touched.
@Suite(.timeLimit(.minutes(1)))
struct SeveralServersCommandTests {
    @Test(arguments: [
        (["dash", "http://127.0.0.1:9/", "ftp://x"], "'ftp://x' is not a usable mushroom URL: it does not begin with http:// or https://."),
        (["dash", "=http://127.0.0.1:9/", "http://127.0.0.1:9/"], #""=http://127.0.0.1:9/" names no server before "=" (NAME=URL)."#),
        (["dash", "http://127.0.0.1:9/", "http://127.0.0.1:8/", "--record", "/tmp/never"], "--record records one server: give one URL or name."),
        (["dash", "--replay", "/tmp/never", "http://127.0.0.1:9/", "http://127.0.0.1:8/"], "--replay plays a recording without a server: leave out the URL."),
        (["dash", "http://127.0.0.1:9/", "prdo"], #""prdo" is neither a URL nor a server of the config file /nonexistent/mushroom/config.toml (it names no servers)."#),
    ])
    func aMistakeAboutTheServersIsOneSentence(arguments: [String], message: String) async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = "/nonexistent"
        let result = try await runChildProcess(builtMushroomExecutable, arguments: arguments, environment: environment)
        #expect(result.status == 1)
        #expect(result.stderr == "mushroom: \(message)\n")
    }

    @Test func severalGoodServersGetAsFarAsTheTerminal() async throws {
        let result = try await runChildProcess(
            builtMushroomExecutable, arguments: ["dash", "prod=http://127.0.0.1:9/", "http://127.0.0.1:8/", "http://[::1]:7/"])
        #expect(result.status == 1)
        #expect(result.stderr == "mushroom: standard output is not a terminal, so the dashboard cannot be drawn; run it in a terminal.\n")
    }
}
