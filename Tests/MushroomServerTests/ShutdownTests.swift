import MushroomRPC
@testable import MushroomServer
import NIOCore
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

extension ShutdownTests {
    /// Between the Disconnects and the HTTP server's quiescing, a client told Disconnect may
    /// bootstrap again at once; it must not get a session that dies with this server.
    @Test func aBootstrapAfterTheSessionsWereEndedIsRefused() async throws {
        let server = try await MushroomServer(configuration: testConfiguration, handler: TestMethods.handler).start()
        _ = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
        server.sessions.shutDown()
        let reply = try await TestHTTP.post(server.url, #"{"transports": ["ws", "poll"]}"#)
        #expect(reply.status == 503)
        #expect(reply.body == "the server is shutting down; bootstrap again once it is back\n")
        #expect(server.sessions.count == 0)
        await server.shutdown()
    }

    @Test func aConnectionThatNeverSentARequestDoesNotHoldShutdown() async throws {
        let server = try await MushroomServer(configuration: testConfiguration, handler: TestMethods.handler).start()
        let closedByServer = try await TestRawHTTP.withConnection(port: server.port) { reader, _ in
            try await Task.sleep(for: .milliseconds(200))
            await server.shutdown()
            // An end of stream, or a reset if the server had not accepted it yet.
            return (try? await reader.next()) == nil
        }
        #expect(closedByServer)
    }

    @Test func aRequestWhoseBodyNeverComesIsCutAfterTheGracePeriod() async throws {
        var configuration = testConfiguration
        configuration.shutdownGracePeriod = .milliseconds(200)
        let server = try await MushroomServer(configuration: configuration, handler: TestMethods.handler).start()
        let pollURL = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
        let path = String(pollURL.dropFirst(server.url.count - 1))
        let answer = try await TestRawHTTP.withConnection(port: server.port) { reader, writer in
            try await writer.write(ByteBuffer(string: "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n[[0"))
            try await Task.sleep(for: .milliseconds(200))
            let started = ContinuousClock.now
            await server.shutdown()
            // Without the grace period the body would hold the shutdown for the 30 s read
            // timeout; 10 s leaves room for a loaded machine.
            #expect(ContinuousClock.now - started < .seconds(10))
            // Closed with the body unread: an end of stream, or a reset. On a loaded machine the
            // shutdown can end the session before the request reaches it: then it is a 404.
            return try? await reader.next()
        }
        #expect(answer == nil || answer?.status == 404)
    }
}
