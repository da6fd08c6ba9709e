@testable import MushroomClient
import MushroomRPC
import MushroomTestSupport
import Testing

/// The WebSocket transport's own behaviour: what it does with the control frames of a live server.
@Suite(.timeLimit(.minutes(2)))
struct WebSocketTransportTests {
    @Test func pingsAnsweredInTimeKeepTheConnection() async throws {
        let server = try await ServeProcess.start(arguments: ["--demo", "--tick-ms", "0", "--no-traffic", "--log-level", "error"])
        var configuration = ClientConfiguration()
        // A ping every 500 ms; one unanswered at the next would close the connection.
        configuration.deadConnectionInterval = .seconds(1)
        configuration.backoff = ReconnectBackoff(initialDelay: .milliseconds(50), maximumDelay: .milliseconds(200))
        let client = try await MushroomClient.connect(url: server.url, transports: [.webSocket], configuration: configuration)
        let events = client.events()
        try await Task.sleep(for: .seconds(2.6))
        #expect(try await client.request("echo", "still here") == "still here")
        // The first disconnection is the shutdown's Disconnect, not a missed pong.
        _ = await server.stop()
        #expect(await firstDisconnection(in: events) == "the server ended the session")
        await client.close()
    }

    @Test func aCloseFrameFromTheServerIsReportedWithItsCode() async throws {
        let server = try await FakeMushroomServer.start(frames: [#"[1, 0, "last", null]"#], closeCodeAfterFrames: .policyViolation)
        var configuration = ClientConfiguration()
        configuration.backoff = ReconnectBackoff(initialDelay: .seconds(30), maximumDelay: .seconds(30))
        let recorder = NotificationRecorder()
        let client = try await MushroomClient.connect(url: server.url, transports: [.webSocket], handler: recorder, configuration: configuration)
        let events = client.events()
        try client.notify("hello")
        #expect(await firstDisconnection(in: events) == "the server closed the WebSocket (close code 1008)")
        #expect(recorder.received == [.init(id: 0, method: "last", data: nil)])
        await client.close()
        await server.stop()
    }

    private func firstDisconnection(in events: EventSubscription) async -> String? {
        for await event in events {
            if case .transport(.disconnected(let reason)) = event.kind { return reason }
        }
        return nil
    }
}
