import MushroomTestSupport
import Testing

/// `call --timeout` and `notify --timeout` bound the whole command: against a server that
/// accepts and never answers, the bootstrap's own 10 s are not waited for. The bound checked is
/// that one, well under 10 s: the suite's other tests load the machine, and a child process
/// started beside them has taken over 3 s more than its timeout to start and be seen to end.
@Suite(.timeLimit(.minutes(1)))
struct CommandDeadlineTests {
    static func timed(_ arguments: String...) async throws -> (ChildProcessOutcome, Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = try await runChildProcess(builtMushroomExecutable, arguments: arguments)
        return (outcome, clock.now - start)
    }

    @Test func callTimesOutAfterItsTimeoutWhileBootstrapping() async throws {
        let server = try await SilentServer.start()
        let (result, elapsed) = try await Self.timed("call", server.url, "echo", "1", "--timeout", "2")
        await server.stop()
        #expect(result.status == 3)
        #expect(result.stdout == "")
        #expect(result.stderr == "mushroom: request 'echo' timed out after 2 s.\n")
        #expect(elapsed < .seconds(8))
    }

    @Test func notifyTimesOutAfterItsTimeoutWhileBootstrapping() async throws {
        let server = try await SilentServer.start()
        let (result, elapsed) = try await Self.timed("notify", server.url, "x", "--timeout", "1.5")
        await server.stop()
        #expect(result.status == 3)
        #expect(result.stderr == "mushroom: the server did not confirm the notification within 1.5 s.\n")
        #expect(elapsed < .seconds(8))
    }
}
