import MushroomTestSupport
import Testing

/// `mushroom serve` option validation: a bad value (a count, a number of seconds or milliseconds
/// out of range) ends in one sentence and exit status 1, before anything listens.
@Suite(.timeLimit(.minutes(2)))
struct ServeCommandTests {
    @Test(arguments: [
        ("--max-unacknowledged=0", "mushroom: --max-unacknowledged must be positive, got 0\n"),
        ("--max-unacknowledged=-5", "mushroom: --max-unacknowledged must be positive, got -5\n"),
        ("--max-unacknowledged=many", "mushroom: The value 'many' is invalid for '--max-unacknowledged <max-unacknowledged>'\n"),
    ])
    func maxUnacknowledgedMustBeAPositiveInteger(option: String, message: String) async throws {
        let result = try await runChildProcess(builtMushroomExecutable, arguments: ["serve", "--port", "0", option])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == message + "Run 'mushroom help' for usage.\n")
    }

    static let milliseconds = "a number of milliseconds from 0 to 3155760000000 (100 years)"

    @Test(arguments: [
        ("--grace-seconds=1e20", "1e+20 is not a number of seconds from 0 to 3155760000 (100 years)"),
        ("--grace-seconds=-1", "-1.0 is not a number of seconds from 0 to 3155760000 (100 years)"),
        ("--grace-seconds=nan", "nan is not a number of seconds from 0 to 3155760000 (100 years)"),
        ("--tick-ms=1e20", "1e20 is not \(milliseconds)"),
        ("--tick-ms=-5", "-5 is not \(milliseconds)"),
        ("--ping-ms=99999999999999999999", "99999999999999999999 is not \(milliseconds)"),
        ("--ping-ms=inf", "inf is not \(milliseconds)"),
        ("--max-message-bytes=4294967296", "4294967296 is not a whole number from 1 to 4294967295"),
        ("--max-message-bytes=0", "0 is not a whole number from 1 to 4294967295"),
        ("--max-message-bytes=99999999999999999999", "99999999999999999999 is not a whole number from 1 to 4294967295"),
    ])
    func anOutOfRangeNumberIsRefusedBeforeListening(option: String, reason: String) async throws {
        let name = option.prefix { $0 != "=" }
        let value = option.drop { $0 != "=" }.dropFirst()
        let result = try await runChildProcess(builtMushroomExecutable, arguments: ["serve", "--port", "0", option])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "mushroom: The value '\(value)' is invalid for '\(name) <\(name.dropFirst(2))>': \(reason)\nRun 'mushroom help' for usage.\n")
    }

    @Test func theLargestMessageSizeNIOAcceptsServes() async throws {
        let server = try await ServeProcess.start(arguments: ["--demo", "--tick-ms", "0", "--no-traffic", "--max-message-bytes", "4294967295"])
        let answer = try await runChildProcess(builtMushroomExecutable, arguments: ["call", server.url, "echo", "[1]"])
        #expect(answer.stdout == "[1]\n")
        #expect(await server.stop() == 0)
    }
}
