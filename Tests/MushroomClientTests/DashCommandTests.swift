import Foundation
import MushroomTestSupport
import Testing

/// `mushroom dash` refuses what it cannot use before it touches the terminal or the network: a
/// theme path that is no theme file (without waiting on a FIFO), a history out of range, and a
/// standard output that is not a terminal.
@Suite(.timeLimit(.minutes(1)))
struct DashCommandTests {
    static func dash(_ arguments: String...) async throws -> ChildProcessOutcome {
        try await runChildProcess(builtMushroomExecutable, arguments: ["dash"] + arguments)
    }

    @Test func aStandardOutputThatIsNoTerminalIsRefused() async throws {
        let result = try await Self.dash("http://127.0.0.1:9/")
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "mushroom: standard output is not a terminal, so the dashboard cannot be drawn; run it in a terminal.\n")
    }

    @Test func aThemeThatIsADirectoryIsNamedSo() async throws {
        let directory = FileManager.default.temporaryDirectory.path
        let result = try await Self.dash("--theme", directory, "http://127.0.0.1:9/")
        #expect(result.status == 1)
        #expect(result.stderr == "mushroom: theme \(directory): is a directory, not a theme file.\n")
    }

    @Test func aThemeThatIsAFIFOIsRefusedAtOnce() async throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString).toml").path
        try #require(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let result = try await Self.dash("--theme", fifo, "http://127.0.0.1:9/")
        #expect(result.status == 1)
        #expect(result.stderr == "mushroom: theme \(fifo): is a FIFO, not a theme file.\n")
    }

    @Test(arguments: ["0", "-1", "1000001", "99999999999999999999", "nan", "1e3", "12.5", "lots"])
    func aHistoryOutOfRangeIsOneSentence(typed: String) async throws {
        for command in ["dash", "demo"] {
            let arguments = command == "dash" ? ["--history=\(typed)", "http://127.0.0.1:9/"] : ["--history=\(typed)"]
            let result = try await runChildProcess(builtMushroomExecutable, arguments: [command] + arguments)
            #expect(result.status == 1)
            #expect(result.stdout == "")
            #expect(result.stderr == """
                mushroom: The value '\(typed)' is invalid for '--history <history>': \(typed) is not a whole number from 1 to 1000000
                Run 'mushroom help' for usage.

                """)
        }
    }

    @Test(arguments: ["1", "1000000"])
    func aHistoryInRangeIsTaken(value: String) async throws {
        let result = try await Self.dash("--history", value, "http://127.0.0.1:9/")
        #expect(result.status == 1)
        #expect(result.stderr == "mushroom: standard output is not a terminal, so the dashboard cannot be drawn; run it in a terminal.\n")
    }
}
