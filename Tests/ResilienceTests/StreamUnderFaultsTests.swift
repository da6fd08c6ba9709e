import MushroomRPC
import Testing

/// The protocol's promise under a faulty network: acknowledged delivery survives broken
/// connections. The numbered stream arrives exactly once and in order, the session survives every
/// cut, and every request completes or fails with a typed error. See `FaultRunSettings` for a
/// longer run by hand.
@Suite("A numbered stream through a faulty proxy", .timeLimit(.minutes(10)))
struct StreamUnderFaultsTests {
    @Test(arguments: TransportKind.allCases)
    func everyNotificationArrivesOnceAndInOrder(transport: TransportKind) async throws {
        let settings = try FaultRunSettings.fromEnvironment()
        for seed in settings.seeds {
            let result = try await FaultRun(settings: settings, seed: seed, transport: transport).run()
            print(result.report)
            let report = result.report
            let expected = (1...Int64(settings.messages)).map { $0 }
            #expect(result.received == expected, "seed \(seed): \(Self.difference(result.received, expected))")
            #expect(report.published == settings.messages)
            #expect(report.sessionsLost == 0, "seed \(seed): the session was lost; recent disconnections: \(result.recentDisconnections)")
            #expect(result.wrongRequests.isEmpty, "seed \(seed): \(result.wrongRequests)")
            #expect(report.requestsCompleted > 0, "seed \(seed): no request completed")
            #expect(result.protocolErrors.isEmpty, "seed \(seed): \(result.protocolErrors)")
            // The run did meet faults: otherwise it proved nothing.
            #expect(report.cuts > 0, "seed \(seed): the proxy cut nothing")
        }
    }

    /// Where a received sequence first departs from the expected one.
    static func difference(_ received: [Int64], _ expected: [Int64]) -> String {
        guard let index = (0..<min(received.count, expected.count)).first(where: { received[$0] != expected[$0] }) else {
            return "received \(received.count) of \(expected.count)"
        }
        return "at position \(index) received \(received[index]) instead of \(expected[index]);"
            + " around it: \(Array(received[max(0, index - 3)..<min(received.count, index + 4)]))"
    }
}
