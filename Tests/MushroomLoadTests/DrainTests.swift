import Logging
import MushroomLoad
import MushroomRPC
import MushroomServer
import Testing

/// A server that stops answering cannot hold a run forever.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct DrainTests {
    @Test func unansweredRequestsAreCancelledAfterTheDrainTimeout() async throws {
        var configuration = MushroomServerConfiguration()
        configuration.port = 0
        configuration.logger = Logger(label: "test.load")
        configuration.logger.logLevel = .critical
        let silent = ClosureHandler { _ in
            try await Task.sleep(for: .seconds(60))
            return .null
        }
        let server = try await MushroomServer(configuration: configuration, handler: silent).start()
        var options = LoadOptions(
            url: server.url, scenario: .pipeline, connections: 1, depth: 3, duration: .milliseconds(200), warmup: .zero)
        options.drainTimeout = .milliseconds(200)
        let result = try await LoadGenerator.run(options)
        await server.shutdown()
        #expect(result.counts.sent == 3)
        #expect(result.counts.answered == 0)
        #expect(result.counts.failed == 3)
        #expect(result.counts.measured == 0)
        #expect(result.latency.count == 0)
    }
}
