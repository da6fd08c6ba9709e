import MushroomClient
import MushroomRPC
import MushroomTestSupport
import Testing

/// The client's side of duplicates: a server that sends a message again (its acknowledgement was
/// lost) gets it acknowledged again, over a real socket, and the handler sees it once.
@Suite(.timeLimit(.minutes(1)))
struct ClientDuplicateAcknowledgementTests {
    @Test func aDuplicateFromTheServerIsAcknowledgedAgainAndHandledOnce() async throws {
        let frames = [#"[1, 0, "news", 1]"#, #"[1, 0, "news", 1]"#, #"[1, 1, "more", 2]"#]
        // Each frame follows the client's answer to the one before: the duplicate comes after the
        // first acknowledgement was written, and the last frame only if the duplicate is acknowledged.
        let server = try await FakeMushroomServer.start(frames: frames, pacing: .oneAfterEachMessage)
        let recorder = NotificationRecorder()
        var configuration = ClientConfiguration()
        configuration.acknowledgeEveryMessages = 1
        let client = try await MushroomClient.connect(
            url: server.url, transports: [.webSocket], handler: recorder, configuration: configuration)
        try client.notify("hello")  // the fake server sends its frames after the first message
        #expect(try await recorder.first(2) == [.init(id: 0, method: "news", data: 1), .init(id: 1, method: "more", data: 2)])
        for _ in 0..<400 where !server.receivedFrames.contains("[0,1]") { try await Task.sleep(for: .milliseconds(25)) }
        #expect(server.receivedFrames == [#"[1,0,"hello",null]"#, "[0,0]", "[0,0]", "[0,1]"])
        await client.close()
        await server.stop()
    }
}
