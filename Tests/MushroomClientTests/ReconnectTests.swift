import MushroomClient
import MushroomRPC
import MushroomTestSupport
import Testing

/// Connections dropped while notifications flow: the client reconnects, and the application sees
/// every notification once.
@Suite(.interop, .timeLimit(.minutes(2)))
struct ReconnectTests {
    @Test(arguments: TransportKind.allCases)
    func droppedConnectionsAreReplacedWithoutDuplicates(transport: TransportKind) async throws {
        let peer = try await ReferencePeer.start(tickMilliseconds: 50)
        defer { peer.stop() }
        let proxy = try await TCPProxy.start(targetPort: peer.port)
        let recorder = NotificationRecorder()
        var configuration = ClientConfiguration()
        configuration.backoff = ReconnectBackoff(initialDelay: .milliseconds(50), maximumDelay: .milliseconds(500))
        let client = try await MushroomClient.connect(
            url: "http://127.0.0.1:\(proxy.port)/", transports: [transport], handler: recorder, configuration: configuration)
        let events = client.events()
        _ = try await recorder.first(5)
        proxy.dropAllConnections()

        let changes = await reconnection(in: events, transport: transport)
        // Then for notifications that went through the new connection.
        let target = recorder.received.count + 5
        while recorder.received.count < target { _ = try await recorder.first(1) }
        await client.close()
        await proxy.stop()

        #expect(changes.contains { if case .disconnected = $0 { true } else { false } })
        #expect(changes.contains { if case .reconnectScheduled = $0 { true } else { false } })
        let sawSessionLost = changes.contains { if case .sessionLost = $0 { true } else { false } }
        let numbers = recorder.received.compactMap { $0.data.objectValue?["n"]?.integerValue }
        #expect(numbers.count == recorder.received.count)
        #expect(Set(numbers).count == numbers.count, "duplicates: \(numbers)")
        #expect(numbers == numbers.sorted())
        switch transport {
        case .webSocket:
            // The reference server ends a WebSocket session when its socket closes: a new session follows.
            #expect(sawSessionLost)
        case .poll:
            // A poll session outlives its connection, unless the reference server gave up on it
            // (it sometimes does when a held poll breaks): then a new session followed.
            if !sawSessionLost {
                #expect(numbers == Array(numbers[0]..<numbers[0] + Int64(numbers.count)))
            }
        }
    }
}

/// The transport events up to the reconnection: the next `connected` after a disconnection, over
/// ws to the new session the reference server forces (it ends a WebSocket session when its socket
/// closes). A subscription begins with the current state, so the first `connected` is the old one.
func reconnection(in events: EventSubscription, transport: TransportKind) async -> [TransportEvent] {
    var changes: [TransportEvent] = []
    for await event in events {
        guard case .transport(let change) = event.kind else { continue }
        changes.append(change)
        let disconnected = changes.contains { if case .disconnected = $0 { true } else { false } }
        let sessionLost = changes.contains { if case .sessionLost = $0 { true } else { false } }
        if case .connected = change, disconnected, transport == .poll || sessionLost { break }
    }
    return changes
}
