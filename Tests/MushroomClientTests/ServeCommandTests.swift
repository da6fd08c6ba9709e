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
        ("--request-timeout=0", "0.0 is not a number of seconds above 0 and at most 3155760000 (100 years)"),
        ("--request-timeout=1e300", "1e+300 is not a number of seconds above 0 and at most 3155760000 (100 years)"),
        ("--max-connections=0", "0 is not a whole number from 1 to 1000000"),
        ("--max-subscriptions=-1", "-1 is not a whole number from 1 to 1000000"),
        ("--max-unopened-per-address=1e9", "1e9 is not a whole number from 1 to 1000000"),
        ("--max-unacknowledged-bytes=0", "0 is not a whole number from 1 to 1099511627776"),
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

    @Test func theLimitOptionsReachTheServer() async throws {
        let server = try await ServeProcess.start(arguments: ["--demo", "--tick-ms", "0", "--no-traffic", "--max-subscriptions", "2"])
        let refused = try await runChildProcess(builtMushroomExecutable, arguments: ["call", server.url, "subscribe", #"["a", "b", "c"]"#])
        #expect(refused.status == 2)
        #expect(refused.stderr == "\"subscribing would hold 3 topic patterns; a session holds at most 2\"\n")
        #expect(await server.stop() == 0)
    }

    @Test func dataTooDeepForAMessageIsRefusedNotReportedDelivered() async throws {
        let server = try await ServeProcess.start(arguments: ["--demo", "--tick-ms", "0", "--no-traffic"])
        let deep = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        for command in ["notify", "call"] {
            let result = try await runChildProcess(builtMushroomExecutable, arguments: [command, server.url, "publish", deep])
            #expect(result.status == 1, "\(command)")
            #expect(result.stdout == "")
            #expect(result.stderr == "mushroom: the data is nested deeper than 511 levels, more than a message may carry.\n", "\(command)")
        }
        #expect(await server.stop() == 0)
    }
}

