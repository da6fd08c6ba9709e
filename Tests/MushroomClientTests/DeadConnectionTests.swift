import MushroomClient
import MushroomRPC
import MushroomTestSupport
import Testing

/// A connection that silently stops carrying anything is detected as dead and replaced.
@Suite(.interop, .timeLimit(.minutes(2)))
struct DeadConnectionTests {
    @Test(arguments: TransportKind.allCases)
    func silentConnectionIsReplaced(transport: TransportKind) async throws {
        let peer = try await ReferencePeer.start(tickMilliseconds: 0, pollTimeout: 0.3)
        defer { peer.stop() }
        let proxy = try await TCPProxy.start(targetPort: peer.port)
        var configuration = ClientConfiguration()
        configuration.deadConnectionInterval = .milliseconds(600)
        configuration.pollTimeout = .seconds(1)
        // Long enough for the Python peer on a loaded machine; the dead connection is found by
        // the interval above, not by this.
        configuration.connectTimeout = .seconds(10)
        configuration.backoff = ReconnectBackoff(initialDelay: .milliseconds(50), maximumDelay: .milliseconds(200))
        let client = try await MushroomClient.connect(
            url: "http://127.0.0.1:\(proxy.port)/", transports: [transport], configuration: configuration)
        let events = client.events()
        let before = proxy.acceptedConnections
        proxy.freezeAllConnections()

        let changes = await reconnection(in: events, transport: transport)
        #expect(changes.contains { if case .disconnected = $0 { true } else { false } })
        #expect(proxy.acceptedConnections > before)
        let answer = try await client.request("echo", "alive again")
        #expect(answer == "alive again")
        await client.close()
        await proxy.stop()
    }
}
