import MushroomClient
import MushroomRPC
import MushroomTestSupport
import Testing

/// A quiet WebSocket session whose sockets the network cuts again and again lives on, whether or
/// not it has received anything: the server greets each resumed socket with a heartbeat, so a cut
/// is never taken for the reference server's way of refusing a forgotten session (a socket closed
/// before any message, twice in a row).
@Suite("An idle WebSocket session cut again and again", .timeLimit(.minutes(2)))
struct IdleSessionCutTests {
    @Test(arguments: [false, true])
    func theQuietSessionSurvivesRepeatedCuts(afterARequest: Bool) async throws {
        let server = try await ResilienceServer.start()
        let proxy = try await TCPProxy.start(targetPort: server.port)
        let recorder = SequenceRecorder()
        let client = try await MushroomClient.connect(
            url: "http://127.0.0.1:\(proxy.port)/", transports: [.webSocket], handler: recorder, configuration: .quickReconnection)
        let events = EventTally(client.events())
        let deadline = Deadline(in: .seconds(20))
        do {
            try await deadline.wait(for: "the session") { server.sessions.count == 1 }
            let session = try #require(server.sessions.all.first)
            if afterARequest {
                #expect(try await client.request("echo", "before the cuts") == "before the cuts")
                try await deadline.wait(for: "the acknowledgements") { client.engine.unacknowledgedCount == 0 && session.engine.unacknowledgedCount == 0 }
            }
            // From here nothing is sent either way but the server's greetings.
            for round in 1...3 {
                let received = events.current.messagesReceived
                proxy.dropAllConnections()
                try await deadline.wait(for: "reconnection \(round)", progress: { "\(events.current.recentDisconnections)" }) {
                    events.current.connected == round + 1 && events.current.messagesReceived > received
                }
            }
            try session.notify("seq", ["n": 1])
            // A lost session would never see it: stop waiting then, the expectations below say why.
            try await deadline.wait(for: "the notification") { recorder.count == 1 || events.current.sessionsLost > 0 }
            #expect(events.current.sessionsLost == 0, "\(events.current.recentDisconnections)")
            #expect(recorder.received == [1])
            #expect(server.sessions.all.map(\.id) == [session.id])
            #expect(client.sessionURL.contains(session.id))
        } catch {
            await client.close()
            await proxy.stop()
            await server.shutdown()
            throw error
        }
        await client.close()
        await events.finish()
        await proxy.stop()
        await server.shutdown()
    }
}
