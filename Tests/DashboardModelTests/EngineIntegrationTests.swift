@testable import DashboardModel
import Foundation
import MushroomRPC
import Testing

/// The model fed by a real engine's event stream, over an in-memory link.
@Suite("Model on a real engine")
struct EngineIntegrationTests {
    @Test func eventsOfARealExchangeLandInTheRightPanes() async throws {
        var configuration = EngineConfiguration()
        configuration.acknowledgement = .immediate
        let client = Engine(configuration: configuration)
        let server = Engine(configuration: configuration)
        let link = InMemoryLink(client, server)
        let events = client.events()
        link.connect()

        // The answers take a few task hops; a whole suite on two loaded cores has kept them
        // waiting for more than 30 s, so the timeout is far beyond any answer.
        await #expect(throws: RequestException("nope")) { try await client.request("nope", timeout: .seconds(120)) }
        _ = try server.notify("orders.created", ["n": 1])
        // The link keeps order, so this answer arrives after the notification.
        await #expect(throws: RequestException("nope")) { try await client.request("nope", timeout: .seconds(120)) }
        client.close(reason: "done")

        var model = DashboardModel()
        for await event in events { model.ingest(event) }
        let snapshot = model.snapshot(at: Date())
        #expect(snapshot.stream.rows.map(\.method) == ["orders.created"])
        #expect(snapshot.stream.rows.map(\.data) == [["n": 1]])
        #expect(snapshot.requests.inFlightCount == 0)
        #expect(snapshot.requests.rows.map(\.id) == [1, 0])
        #expect(snapshot.errors.rows.map(\.kind) == [.methodNotFound])
        #expect(snapshot.errors.rows.map(\.count) == [2])
        #expect(snapshot.connection.lastIDSent == 1)
        #expect(snapshot.connection.lastIDReceived == 2)
        #expect(snapshot.connection.state == .closed(reason: "done"))
        #expect(snapshot.requests.latencies.map(\.method) == ["nope"])
    }
}
