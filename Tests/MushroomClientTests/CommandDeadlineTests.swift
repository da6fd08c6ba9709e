import MushroomTestSupport
import Testing

/// `call --timeout` and `notify --timeout` bound the whole command: against a server that
/// accepts and never answers, the bootstrap's own 10 s are not waited for. The time checked is
/// the child's own, from its spawn to its exit (`ChildProcessOutcome.elapsed`), not the time the
/// test task took to be resumed on a pool the suite's other tests keep busy; and it is compared
/// with that of `mushroom help` started just before, under the same load: the timeout and up to
/// 5 s more, well under the bootstrap's 10 s.
@Suite(.timeLimit(.minutes(1)))
struct CommandDeadlineTests {
    /// How long a command that does nothing takes to start and end, now.
    static func startingCost() async throws -> Duration {
        let outcome = try await runChildProcess(builtMushroomExecutable, arguments: ["help"])
        #expect(outcome.status == 0)
        return outcome.elapsed
    }

    @Test func callTimesOutAfterItsTimeoutWhileBootstrapping() async throws {
        let server = try await SilentServer.start()
        let starting = try await Self.startingCost()
        let result = try await runChildProcess(builtMushroomExecutable, arguments: ["call", server.url, "echo", "1", "--timeout", "2"])
        await server.stop()
        #expect(result.status == 3)
        #expect(result.stdout == "")
        #expect(result.stderr == "mushroom: request 'echo' timed out after 2 s.\n")
        #expect(result.elapsed < starting + .seconds(7))
    }

    @Test func notifyTimesOutAfterItsTimeoutWhileBootstrapping() async throws {
        let server = try await SilentServer.start()
        let starting = try await Self.startingCost()
        let result = try await runChildProcess(builtMushroomExecutable, arguments: ["notify", server.url, "x", "--timeout", "1.5"])
        await server.stop()
        #expect(result.status == 3)
        #expect(result.stderr == "mushroom: the server did not confirm the notification within 1.5 s.\n")
        #expect(result.elapsed < starting + .milliseconds(6_500))
    }
}
