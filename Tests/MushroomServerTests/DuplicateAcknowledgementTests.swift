import MushroomRPC
import MushroomServer
import Testing

/// A duplicate is dropped and acknowledged again, over real sockets on both transports: the
/// client sends one when our acknowledgement was lost, and keeps it until one arrives.
@Suite(.timeLimit(.minutes(1)))
struct DuplicateAcknowledgementTests {
    @Test func aDuplicateOverWebSocketIsAcknowledgedAgainAndNotHandledTwice() async throws {
        try await withServer { server in
            let url = try await TestHTTP.bootstrap(server.url, transports: ["ws"])
            #expect(try await Self.duplicateOverWebSocket(sessionURL: url) == Self.expectedOverWebSocket)
        }
    }

    /// What a server answers to echo 0, the same echo 0 again, then echo 1.
    static let expectedOverWebSocket: [Message] = [
        .heartbeat(.init(lastMessageID: 0)), .response(.init(id: 0, requestID: 0, data: "once")),
        // The duplicate: acknowledged again, not answered again.
        .heartbeat(.init(lastMessageID: 0)),
        .heartbeat(.init(lastMessageID: 1)), .response(.init(id: 1, requestID: 1, data: "next")),
    ]

    /// Sends echo 0 twice and echo 1 on a WebSocket to `sessionURL`; returns the five messages
    /// that come back.
    static func duplicateOverWebSocket(sessionURL: String) async throws -> [Message] {
        let socket = try await TestWebSocket.connect(sessionURL)
        var inbox = Inbox(socket)
        var received: [Message] = []
        let request = Message.request(.init(id: 0, method: "echo", data: "once"))
        socket.send(request)
        for _ in 0..<2 { received.append(contentsOf: await inbox.next().map { [$0] } ?? []) }
        socket.send(request)
        received.append(contentsOf: await inbox.next().map { [$0] } ?? [])
        socket.send(.request(.init(id: 1, method: "echo", data: "next")))
        for _ in 0..<2 { received.append(contentsOf: await inbox.next().map { [$0] } ?? []) }
        socket.close()
        return received
    }

    @Test func aDuplicateOverLongPollIsAcknowledgedInThePollAnswer() async throws {
        try await withServer { server in
            let url = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
            #expect(try await Self.duplicateOverLongPoll(sessionURL: url) == Self.expectedOverLongPoll)
        }
    }

    /// The two poll answers to echo 0 sent with a poll, then (the answer was lost) the same again.
    static let expectedOverLongPoll: [[Message]] = [
        [.response(.init(id: 0, requestID: 0, data: "once")), .heartbeat(.init(lastMessageID: 0))],
        // The client has not acknowledged the response either, so that is retransmitted once, and
        // the duplicate request is acknowledged again, not answered again.
        [.response(.init(id: 0, requestID: 0, data: "once")), .heartbeat(.init(lastMessageID: 0))],
    ]

    /// POSTs echo 0 with a poll to `sessionURL` twice; returns the two answers.
    static func duplicateOverLongPoll(sessionURL: String) async throws -> [[Message]] {
        var answers: [[Message]] = []
        for _ in 0..<2 { answers.append(try await TestHTTP.post(sessionURL, #"[[2, 0, "echo", "once"], [0, null]]"#).messages) }
        return answers
    }
}
