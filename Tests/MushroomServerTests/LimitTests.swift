import MushroomRPC
import MushroomServer
import NIOWebSocket
import Testing

@Suite(.timeLimit(.minutes(1)))
struct LimitTests {
    @Test func slowConsumerIsClosedAtTheBound() async throws {
        try await withServer({ $0.maximumUnacknowledged = 5 }) { server in
            let (socket, _) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            for n in 0..<5 { #expect(try server.sessions.notify("news", .integer(Int64(n))) == 1) }
            #expect(try server.sessions.notify("news", 5) == 0)
            #expect(server.sessions.count == 0)
            for n in 0..<5 { #expect(await inbox.next() == .notification(.init(id: n, method: "news", data: .integer(Int64(n))))) }
            #expect(await inbox.next() == nil)
            let frame = try await socket.closeFrame()
            #expect(frame?.closeCode == .policyViolation)
            #expect(frame?.reason == "slow consumer: 5 messages waiting for acknowledgement")
        }
    }

    @Test func aClientThatNeverAcknowledgesRepliesIsClosedAtTheBound() async throws {
        try await withServer({ $0.maximumUnacknowledged = 3 }) { server in
            let (socket, _) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            for n in 0..<3 {
                socket.send(.request(.init(id: n, method: "echo", data: .integer(Int64(n)))))
                #expect(await inbox.next() == .heartbeat(.init(lastMessageID: n)))
                #expect(await inbox.next() == .response(.init(id: n, requestID: n, data: .integer(Int64(n)))))
            }
            // The third reply left three messages waiting: the next reply could not be sent, so
            // the session is closed rather than left to refuse every later reply in silence.
            #expect(await inbox.next() == nil)
            let frame = try await socket.closeFrame()
            #expect(frame?.closeCode == .policyViolation)
            #expect(frame?.reason == "slow consumer: 3 messages waiting for acknowledgement")
            #expect(server.sessions.count == 0)
        }
    }

    @Test func slowConsumerIsClosedAtTheByteBound() async throws {
        try await withServer({ $0.maximumUnacknowledgedBytes = 10_000 }) { server in
            let (socket, _) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            let kilobytes = JSONValue.string(String(repeating: "x", count: 3_000))
            for n in 0..<3 { #expect(try server.sessions.notify("news", kilobytes) == 1, "\(n)") }
            #expect(try server.sessions.notify("news", kilobytes) == 0)
            #expect(server.sessions.count == 0)
            for n in 0..<3 { #expect(await inbox.next()?.id == n) }
            #expect(await inbox.next() == nil)
            let frame = try await socket.closeFrame()
            #expect(frame?.closeCode == .policyViolation)
            #expect(frame?.reason == "slow consumer: more than 10000 bytes waiting for acknowledgement")
        }
    }

    @Test func aReplyPastTheByteBoundClosesTheSession() async throws {
        try await withServer({ $0.maximumUnacknowledgedBytes = 5_000 }) { server in
            let (socket, _) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            let big = JSONValue.string(String(repeating: "y", count: 3_000))
            socket.send(.request(.init(id: 0, method: "echo", data: big)))
            #expect(await inbox.next() == .heartbeat(.init(lastMessageID: 0)))
            #expect(await inbox.next() == .response(.init(id: 0, requestID: 0, data: big)))
            socket.send(.request(.init(id: 1, method: "echo", data: big)))
            #expect(await inbox.next(ignoring: []) == .heartbeat(.init(lastMessageID: 1)))
            #expect(await inbox.next() == nil)
            let frame = try await socket.closeFrame()
            #expect(frame?.reason == "slow consumer: more than 5000 bytes waiting for acknowledgement")
        }
    }

    @Test func acknowledgingClientStaysUnderTheBound() async throws {
        try await withServer({ $0.maximumUnacknowledged = 5 }) { server in
            let (socket, _) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            let session = try #require(server.sessions.all.first)
            for n in 0..<20 {
                #expect(try server.sessions.notify("news", .integer(Int64(n))) == 1)
                #expect(await inbox.next()?.id == n)
                socket.send(.heartbeat(.init(lastMessageID: n)))
                #expect(await eventually { session.engine.unacknowledgedCount == 0 })
            }
            #expect(server.sessions.count == 1)
        }
    }

    @Test func requestsBeyondTheConcurrentHandlerLimitGetAnError() async throws {
        try await withServer({ $0.maximumConcurrentHandlers = 1 }) { server in
            let (socket, _) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            socket.send(.request(.init(id: 0, method: "wait", data: 30)))
            socket.send(.request(.init(id: 1, method: "echo", data: 1)))
            let (heartbeat, message) = await inbox.nextAfterHeartbeats()
            #expect(heartbeat == .init(lastMessageID: 1))
            #expect(message == .error(.init(id: 0, requestID: 1, data: "too many concurrent requests (limit 1)")))
        }
    }

    @Test func fewMalformedMessagesAreSurvivedAndManyInARowCloseTheSocket() async throws {
        try await withServer({ $0.maximumMalformedInARow = 3 }) { server in
            let (socket, _) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            socket.send("not json")
            socket.send("[99]")
            socket.send(.request(.init(id: 0, method: "echo", data: "still here")))
            #expect(await inbox.next() == .heartbeat(.init(lastMessageID: 0)))
            #expect(await inbox.next() == .response(.init(id: 0, requestID: 0, data: "still here")))
            socket.send("{}")
            socket.send("[2]")
            socket.send("[]")
            #expect(await inbox.next() == nil)
            let frame = try await socket.closeFrame()
            #expect(frame?.closeCode == .protocolError)
            #expect(frame?.reason == "3 malformed messages in a row")
            // The session itself survives, waiting for the client to resume.
            #expect(server.sessions.count == 1)
        }
    }
}
