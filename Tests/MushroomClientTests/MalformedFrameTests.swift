import MushroomClient
import MushroomRPC
import MushroomTestSupport
import Testing

/// A server that sends garbage: every bad frame becomes a protocol-error event, and the client
/// keeps serving the good frames around them.
@Suite(.timeLimit(.minutes(1)))
struct MalformedFrameTests {
    @Test func malformedFramesAreReportedAndTheConnectionKeepsServing() async throws {
        let frames = ["not json", #"{"a": 1}"#, "[]", "[99, 1]", #"[1, "x", "m"]"#, #"[1, 0, "ok.after", 1]"#]
        let server = try await FakeMushroomServer.start(frames: frames)
        let recorder = NotificationRecorder()
        let client = try await MushroomClient.connect(url: server.url, transports: [.webSocket], handler: recorder)
        let events = client.events()
        try client.notify("hello")
        let received = try await recorder.first(1)
        #expect(received == [.init(id: 0, method: "ok.after", data: 1)])
        var errors: [String] = []
        for await event in events {
            if case .protocolError(let text) = event.kind { errors.append(text) }
            if errors.count == 5 { break }
        }
        #expect(errors.first?.hasPrefix("not JSON: ") == true)
        #expect(Array(errors.dropFirst()) == [
            "not a message: expected a JSON array, got an object",
            "empty message: the array has no message code",
            "unknown message code 99",
            "wrong field type: message_id must be an integer, got string",
        ])
        #expect(client.engine.closedReason == nil)
        await client.close()
        #expect(server.receivedFrames.contains(#"[1,0,"hello",null]"#))
        await server.stop()
    }

    @Test func frameAboveTheLimitClosesTheConnectionWithoutACrash() async throws {
        let big = #"[1, 0, "big", ""# + String(repeating: "x", count: 4096) + #""]"#
        let server = try await FakeMushroomServer.start(frames: [big])
        var configuration = ClientConfiguration()
        configuration.maximumFrameSize = 1024
        let recorder = NotificationRecorder()
        let client = try await MushroomClient.connect(
            url: server.url, transports: [.webSocket], handler: recorder, configuration: configuration)
        let events = client.events()
        try client.notify("hello")
        var disconnected = false
        for await event in events {
            if case .transport(.disconnected) = event.kind {
                disconnected = true
                break
            }
        }
        #expect(disconnected)
        #expect(recorder.received.isEmpty)
        #expect(client.engine.closedReason == nil)
        await client.close()
        await server.stop()
    }
}
