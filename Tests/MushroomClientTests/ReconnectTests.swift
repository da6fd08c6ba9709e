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
        let changes = Task {
            var changes: [TransportEvent] = []
            for await event in events {
                if case .transport(let change) = event.kind { changes.append(change) }
            }
            return changes
        }
        _ = try await recorder.first(5)
        proxy.dropAllConnections()
        _ = try await recorder.first(10)
        await client.close()
        await proxy.stop()

        let transportChanges = await changes.value
        #expect(transportChanges.contains { if case .reconnectScheduled = $0 { true } else { false } })
        let sawSessionLost = transportChanges.contains { if case .sessionLost = $0 { true } else { false } }

        let numbers = recorder.received.compactMap { $0.data.objectValue?["n"]?.integerValue }
        #expect(numbers.count == recorder.received.count)
        #expect(Set(numbers).count == numbers.count, "duplicates: \(numbers)")
        #expect(numbers == numbers.sorted())
        switch transport {
        case .ws:
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
