import MushroomTestSupport
import Testing

/// Every number a person types into `call`, `notify` and `bench` is checked before it is used:
/// out of range (nan, inf, negative, beyond 100 years, beyond the connections and depth a run
/// may have) ends in one sentence naming the option and exit status 1, never a trap.
@Suite(.timeLimit(.minutes(2)))
struct OptionRangeTests {
    static let url = "http://127.0.0.1:9/"
    static let seconds = "a number of seconds above 0 and at most 3155760000 (100 years)"

    static func refusal(_ value: String, _ option: String, _ reason: String) -> String {
        "mushroom: The value '\(value)' is invalid for '\(option) <\(option.dropFirst(2))>': \(reason)\nRun 'mushroom help' for usage.\n"
    }

    static let cases: [(arguments: [String], message: String)] = [
        (["call", url, "echo", "1", "--timeout", "1e20"], refusal("1e20", "--timeout", "1e+20 is not \(seconds)")),
        (["call", url, "echo", "1", "--timeout", "99999999999999999999"], refusal("99999999999999999999", "--timeout", "1e+20 is not \(seconds)")),
        (["call", url, "echo", "--timeout", "nan"], refusal("nan", "--timeout", "nan is not \(seconds)")),
        (["call", url, "echo", "--timeout", "inf"], refusal("inf", "--timeout", "inf is not \(seconds)")),
        (["call", url, "echo", "--timeout=0"], refusal("0", "--timeout", "0.0 is not \(seconds)")),
        (["call", url, "echo", "--timeout=-2"], refusal("-2", "--timeout", "-2.0 is not \(seconds)")),
        (["call", url, "echo", "--timeout", "soon"], refusal("soon", "--timeout", "soon is not a number of seconds")),
        (["notify", url, "x", "--timeout", "1e20"], refusal("1e20", "--timeout", "1e+20 is not \(seconds)")),
        (["bench", url, "--duration", "1e20"], refusal("1e20", "--duration", "1e+20 is not \(seconds)")),
        (["bench", url, "--warmup", "1e20"], refusal("1e20", "--warmup", "1e+20 is not a number of seconds from 0 to 3155760000 (100 years)")),
        (["bench", url, "--scenario", "pipeline", "--depth", "9223372036854775807"],
         refusal("9223372036854775807", "--depth", "9223372036854775807 is not a whole number from 1 to 100000")),
        (["bench", url, "--connections", "1000000"], refusal("1000000", "--connections", "1000000 is not a whole number from 1 to 10000")),
        (["bench", url, "--connections", "99999999999999999999"],
         refusal("99999999999999999999", "--connections", "99999999999999999999 is not a whole number from 1 to 10000")),
    ]

    @Test(arguments: cases)
    func anOutOfRangeNumberIsOneSentence(arguments: [String], message: String) async throws {
        let result = try await runChildProcess(builtMushroomExecutable, arguments: arguments)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == message)
    }
}
