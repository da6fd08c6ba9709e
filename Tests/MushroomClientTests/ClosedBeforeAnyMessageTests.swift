import MushroomClient
import MushroomRPC
import MushroomTestSupport
import Testing

/// A WebSocket closed before the server sent anything: the reference server's way of refusing a
/// session it has ended, and also what a network cut right after the upgrade looks like. The
/// client asks the server, and only a `404` on the session URL ends the session.
@Suite(.timeLimit(.minutes(1)))
struct ClosedBeforeAnyMessageTests {
    /// `400` is what our server answers for a live WebSocket session, `404` for an unknown one.
    @Test(arguments: [(status: 400, renewed: false), (status: 404, renewed: true)])
    func theSessionIsRenewedOnlyWhenTheServerAnswers404(status: Int, renewed: Bool) async throws {
        let server = try await FakeMushroomServer.start(closesSocketsAtOnce: true, sessionStatus: status)
        let client = try await MushroomClient.connect(url: server.url, transports: [.webSocket], handler: ClosureHandler { _ in nil })
        let changes = await transportChanges(client.events(), untilDisconnections: 3)
        await client.close()
        await server.stop()
        #expect(changes.contains { if case .sessionLost = $0 { true } else { false } } == renewed)
        #expect((server.bootstraps > 1) == renewed)
    }

    /// The transport events until `count` disconnections were seen.
    private func transportChanges(_ events: EventSubscription, untilDisconnections count: Int) async -> [TransportEvent] {
        var changes: [TransportEvent] = []
        for await event in events {
            guard case .transport(let change) = event.kind else { continue }
            changes.append(change)
            if changes.count(where: { if case .disconnected = $0 { true } else { false } }) >= count { break }
        }
        return changes
    }
}
