import MushroomRPC
import MushroomServer
import NIOWebSocket
import Testing

@Suite(.timeLimit(.minutes(1)))
struct WebSocketTests {
    @Test func answersRequestsAndAcknowledgesEveryMessageAtOnce() async throws {
        try await withServer { server in
            let (socket, _) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            socket.send(.request(.init(id: 0, method: "echo", data: ["hello": "world"])))
            #expect(await inbox.next() == .heartbeat(.init(lastMessageID: 0)))
            #expect(await inbox.next() == .response(.init(id: 0, requestID: 0, data: ["hello": "world"])))
            socket.send(.notification(.init(id: 1, method: "echo", data: 1)))
            #expect(await inbox.next() == .heartbeat(.init(lastMessageID: 1)))
            socket.send(.request(.init(id: 2, method: "nope")))
            #expect(await inbox.next() == .heartbeat(.init(lastMessageID: 2)))
            #expect(await inbox.next() == .error(.init(id: 1, requestID: 2, data: "nope")))
            socket.close()
        }
    }

    @Test func serverCallsTheClientBackThroughTheSessionEngine() async throws {
        try await withServer { server in
            let (socket, _) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            socket.send(.request(.init(id: 0, method: "ask_client", data: "ping?")))
            #expect(await inbox.next() == .heartbeat(.init(lastMessageID: 0)))
            #expect(await inbox.next() == .request(.init(id: 0, method: "client.ping", data: "ping?")))
            socket.send(.response(.init(id: 1, requestID: 0, data: "pong!")))
            #expect(await inbox.next() == .heartbeat(.init(lastMessageID: 1)))
            #expect(await inbox.next() == .response(.init(id: 1, requestID: 0, data: "pong!")))
        }
    }

    @Test func resumingWithinTheGracePeriodLosesNothing() async throws {
        try await withServer { server in
            let url = try await TestHTTP.bootstrap(server.url, transports: ["ws"])
            let first = try await TestWebSocket.connect(url)
            var firstInbox = Inbox(first)
            try server.sessions.notify("news", 1)
            #expect(await firstInbox.next() == .notification(.init(id: 0, method: "news", data: 1)))
            first.send(.heartbeat(.init(lastMessageID: 0)))
            first.close()
            _ = try await first.closeFrame()
            let session = try #require(server.sessions.all.first)
            #expect(await eventually { !session.engine.isAttached })
            // Sent while no socket is open: buffered, then retransmitted on resume.
            try server.sessions.notify("news", 2)
            try server.sessions.notify("news", 3)
            let second = try await TestWebSocket.connect(url)
            var secondInbox = Inbox(second)
            #expect(await secondInbox.next() == .notification(.init(id: 1, method: "news", data: 2)))
            #expect(await secondInbox.next() == .notification(.init(id: 2, method: "news", data: 3)))
            #expect(server.sessions.count == 1)
        }
    }

    @Test func zeroGracePeriodEndsTheSessionWithTheSocketLikeTheReference() async throws {
        try await withServer({ $0.webSocketGracePeriod = .zero }) { server in
            let url = try await TestHTTP.bootstrap(server.url, transports: ["ws"])
            let socket = try await TestWebSocket.connect(url)
            socket.close()
            _ = try await socket.closeFrame()
            #expect(await eventually { server.sessions.count == 0 })
            await #expect(throws: (any Error).self) { try await TestWebSocket.connect(url) }
        }
    }

    @Test func sessionEndsWhenNotResumedWithinTheGracePeriod() async throws {
        try await withServer({ $0.webSocketGracePeriod = .milliseconds(100) }) { server in
            let (socket, _) = try await openWebSocket(server)
            socket.close()
            _ = try await socket.closeFrame()
            #expect(await eventually { server.sessions.count == 0 })
        }
    }

    @Test func clientDisconnectEndsTheSessionAtOnce() async throws {
        try await withServer { server in
            let (socket, _) = try await openWebSocket(server)
            socket.send(.disconnect)
            #expect(await eventually { server.sessions.count == 0 })
            let frame = try await socket.closeFrame()
            #expect(frame?.closeCode == .normalClosure)
        }
    }

    @Test func aNewSocketReplacesTheOldOne() async throws {
        try await withServer { server in
            let url = try await TestHTTP.bootstrap(server.url, transports: ["ws"])
            let first = try await TestWebSocket.connect(url)
            let second = try await TestWebSocket.connect(url)
            let frame = try await first.closeFrame()
            #expect(frame?.reason == "replaced by a newer connection to the session")
            var inbox = Inbox(second)
            // A resumed socket is greeted with a Heartbeat of what the session has received.
            #expect(await inbox.next() == .heartbeat(.init(lastMessageID: nil)))
            try server.sessions.notify("news", 1)
            #expect(await inbox.next() == .notification(.init(id: 0, method: "news", data: 1)))
        }
    }

    @Test func pollSessionCannotBeOpenedAsWebSocketAndViceVersa() async throws {
        try await withServer { server in
            let pollURL = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
            await #expect(throws: (any Error).self) {
                try await TestWebSocket.connect(pollURL.replacingOccurrences(of: "http://", with: "ws://"))
            }
            let wsURL = try await TestHTTP.bootstrap(server.url, transports: ["ws"])
            let id = try #require(wsURL.split(separator: "/").last)
            let post = try await TestHTTP.post("\(server.url)\(id)/", "[[0, null]]")
            #expect(post.status == 400)
            #expect(post.body == "session '\(id)' uses the WebSocket transport: open it with a WebSocket upgrade\n")
            let get = try await TestHTTP.request(.GET, pollURL)
            #expect(get.status == 405)
            #expect(get.headers["Allow"] == ["POST"])
            #expect(server.sessions.count == 2)
        }
    }
}
