import MushroomTestSupport
import Testing

@testable import MushroomRPC

/// A flood of bad input costs a few log lines a second, and the number left out is logged.
@Suite struct LogThrottleTests {
    @Test func atMostTheBurstGoesThroughEachSecondAndTheRestIsCounted() {
        var throttle = LogThrottle(burst: 3)
        let start = ContinuousClock.now
        let first = (0..<10).map { _ in throttle.admit(at: start).admitted }
        #expect(first == [true, true, true] + Array(repeating: false, count: 7))
        let next = throttle.admit(at: start + .milliseconds(1_001))
        #expect(next.admitted && next.suppressedBefore == 7)
        #expect(throttle.takeSuppressed() == 0)
    }

    @Test func aFloodOfMalformedMessagesLogsABurstAndTheCount() throws {
        let collector = LogCollector()
        var configuration = EngineConfiguration()
        configuration.logger = collector.logger()
        let engine = Engine(configuration: configuration)
        for _ in 0..<10_000 { _ = try? engine.receive(frame: Array("[99]".utf8)) }
        engine.close(reason: "done")
        let logged = collector.lines
        #expect(logged.count == LogThrottle.burstPerEngine + 1)
        #expect(logged.last == "\(10_000 - LogThrottle.burstPerEngine) more log lines like the ones above were left out (at most 20 a second)")
    }
}
