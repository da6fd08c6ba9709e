import MushroomRPC
import MushroomServer
import NIOWebSocket
import Testing

@Suite(.timeLimit(.minutes(1)))
struct ShutdownTests {
    @Test func gracefulShutdownSendsDisconnectToEverySession() async throws {
        let server = try await MushroomServer(configuration: testConfiguration, handler: TestMethods.handler).start()
        let (socket, webSocketSession) = try await openWebSocket(server)
        var inbox = Inbox(socket)
        let pollURL = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
        async let held = TestHTTP.post(pollURL, "[[0, null]]")
        let pollSession = try #require(server.sessions.all.first { $0.transport == .poll })
        #expect(await eventually { pollSession.engine.isAttached })
        try webSocketSession.notify("last.words", 1)

        await server.shutdown()

        #expect(await inbox.next() == .notification(.init(id: 0, method: "last.words", data: 1)))
        #expect(await inbox.next() == .disconnect)
        #expect(await inbox.next() == nil)
        #expect(try await socket.closeFrame()?.closeCode == .goingAway)
        let answer = try await held
        #expect(answer.body == "[[-1]]")
        #expect(server.sessions.count == 0)
    }
}
