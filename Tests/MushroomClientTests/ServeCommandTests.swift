import MushroomTestSupport
import Testing

/// `mushroom serve` option validation: a bad value ends in one sentence and exit status 1, before
/// anything listens.
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
}
