import MushroomClient
import MushroomRPC
import MushroomServer
import MushroomTestSupport
import Testing

/// A WebSocket upgrade that is never answered (a connection gone silent or half-closed during the
/// upgrade) is abandoned after the connect timeout, and the session resumes once the server
/// answers again. WSClient alone would wait forever, and `close()` with it.
@Suite("A WebSocket upgrade that is never answered", .timeLimit(.minutes(2)))
struct StalledUpgradeTests {
    @Test func theUpgradeIsAbandonedAndTheSessionResumes() async throws {
        let server = try await ResilienceServer.start()
        let silent = try await TestUpstream.start(echo: false)
        let proxy = try await TCPProxy.start(targetPort: server.port)
        var configuration = ClientConfiguration.quickReconnection
        // Short enough for a quick test, long enough for the bootstrap on a busy machine.
        configuration.connectTimeout = .seconds(5)
        let recorder = SequenceRecorder()
        let client = try await MushroomClient.connect(
            url: "http://127.0.0.1:\(proxy.port)/", transports: [.webSocket], handler: recorder, configuration: configuration)
        let events = EventTally(client.events())
        let deadline = Deadline(in: .seconds(60))
        do {
            try await deadline.wait(for: "the session") { server.sessions.count == 1 }
            let session = try #require(server.sessions.all.first)
            // The next upgrades go to a peer that reads them and never answers.
            proxy.retarget(port: silent.port)
            proxy.dropAllConnections()
            try await deadline.wait(for: "an abandoned upgrade", progress: { "\(events.current.recentDisconnections)" }) {
                events.current.recentDisconnections.contains { $0.contains("upgrade did not finish") }
            }
            proxy.retarget(port: server.port)
            try session.notify("seq", ["n": 1])
            try await deadline.wait(for: "the notification") { recorder.count == 1 || events.current.sessionsLost > 0 }
            #expect(recorder.received == [1])
            #expect(events.current.sessionsLost == 0)
        } catch {
            await tearDown(client, events, proxy, silent, server)
            throw error
        }
        await tearDown(client, events, proxy, silent, server)
    }

    private func tearDown(
        _ client: MushroomClient, _ events: EventTally, _ proxy: TCPProxy, _ silent: TestUpstream, _ server: RunningMushroomServer
    ) async {
        await client.close()
        await events.finish()
        await proxy.stop()
        await silent.stop()
        await server.shutdown()
    }
}
