import MushroomTestSupport
import Testing

/// The fault-injecting proxy itself, against a plain TCP upstream.
@Suite("Fault-injecting proxy", .timeLimit(.minutes(2)))
struct TCPProxyTests {
    private static func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) }
    }

    @Test func withoutFaultsEveryByteComesBack() async throws {
        let upstream = try await TestUpstream.start(echo: true)
        let proxy = try await TCPProxy.start(targetPort: upstream.port)
        let sent = Self.bytes(20_000)
        let answer = try await TestConnection.exchange(sent, port: proxy.port, expected: sent.count)
        await proxy.stop()
        await upstream.stop()
        #expect(answer == sent)
        #expect(proxy.acceptedConnections == 1)
        #expect(proxy.cuts == 0)
    }

    @Test func splitsDelaysAndStallsKeepEveryByteInOrder() async throws {
        let upstream = try await TestUpstream.start(echo: true)
        var plan = FaultPlan(seed: 11)
        plan.cutProbability = 0
        plan.splitProbability = 1
        plan.chunkBytes = 1...16
        plan.delayProbability = 0.05
        plan.delayMilliseconds = 1...2
        plan.stallProbability = 0.01
        plan.stallMilliseconds = 5...10
        let proxy = try await TCPProxy.start(targetPort: upstream.port, faults: plan)
        let sent = Self.bytes(3000)
        let answer = try await TestConnection.exchange(sent, port: proxy.port, expected: sent.count)
        await proxy.stop()
        await upstream.stop()
        #expect(answer == sent)
        #expect(proxy.cuts == 0)
    }

    @Test func aCutForwardsExactlyTheDrawnNumberOfBytes() async throws {
        let upstream = try await TestUpstream.start(echo: false)
        var plan = FaultPlan(seed: 5)
        plan.cutProbability = 1
        plan.cutAfterBytes = 100...100
        plan.resetProbability = 0
        plan.splitProbability = 0.5
        let proxy = try await TCPProxy.start(targetPort: upstream.port, faults: plan)
        let sent = Self.bytes(1000)
        let answer = try await TestConnection.exchange(sent, port: proxy.port, expected: 1)
        try await Deadline(in: .seconds(20)).wait(for: "the upstream connection to end") { upstream.endedConnections == 1 }
        await proxy.stop()
        await upstream.stop()
        #expect(answer.isEmpty)
        #expect(upstream.connections == [Array(sent.prefix(100))])
        #expect(proxy.cuts == 1)
    }

    @Test func theSameSeedCutsAtTheSamePlaces() async throws {
        var plan = FaultPlan(seed: 2024)
        plan.cutProbability = 1
        plan.cutAfterBytes = 1...3000
        plan.resetProbability = 0
        let first = try await cutLengths(plan, connections: 4)
        let second = try await cutLengths(plan, connections: 4)
        #expect(first == second)
        #expect(first.count == 4)
        #expect(first.allSatisfy { (1...3000).contains($0) }, "\(first)")
    }

    /// Opens `connections` one after the other through a proxy with `plan`, each sending more than
    /// the plan forwards; returns how many bytes of each reached the upstream.
    private func cutLengths(_ plan: FaultPlan, connections: Int) async throws -> [Int] {
        let upstream = try await TestUpstream.start(echo: false)
        let proxy = try await TCPProxy.start(targetPort: upstream.port, faults: plan)
        for connection in 1...connections {
            _ = try await TestConnection.exchange(Self.bytes(4000), port: proxy.port, expected: 1)
            try await Deadline(in: .seconds(20)).wait(for: "connection \(connection) to end upstream") {
                upstream.endedConnections == connection
            }
        }
        await proxy.stop()
        await upstream.stop()
        return upstream.connections.map(\.count)
    }

    @Test func retargetingSendsNewConnectionsToTheNewUpstream() async throws {
        let old = try await TestUpstream.start(echo: true)
        let new = try await TestUpstream.start(echo: true)
        let proxy = try await TCPProxy.start(targetPort: old.port)
        let before = try await TestConnection.exchange(Array("before".utf8), port: proxy.port, expected: 6)
        proxy.retarget(port: new.port)
        let after = try await TestConnection.exchange(Array("after".utf8), port: proxy.port, expected: 5)
        await proxy.stop()
        await old.stop()
        await new.stop()
        #expect(before == Array("before".utf8))
        #expect(after == Array("after".utf8))
        #expect(old.connections == [Array("before".utf8)])
        #expect(new.connections == [Array("after".utf8)])
        #expect(proxy.acceptedConnections == 2)
    }
}
