import Foundation
import MushroomRPC
import MushroomServer
import NIOWebSocket
import Testing

/// The admin methods: answered for a session whose bootstrap carried the admin token, and for
/// every other session (no token, a wrong one) answered exactly as unknown methods are.
@Suite(.timeLimit(.minutes(1)))
struct AdminMethodTests {
    static let token = "correct horse battery staple"
    static let adminMethods = ["mushroom.sessions", "mushroom.session.end", "mushroom.statistics.subscribe", "mushroom.statistics.unsubscribe"]

    @Test func withoutTheTokenTheyAnswerByteForByteLikeUnknownMethods() async throws {
        var withoutAdmin: [String] = []
        try await withServer { server in
            let socket = try await Self.open(server, auth: .null)
            for (id, method) in Self.adminMethods.enumerated() { withoutAdmin.append(try await Self.call(socket, id: id, method)) }
        }
        #expect(withoutAdmin.first == #"[4,0,0,"mushroom.sessions"]"#)
        try await withServer({ $0.adminToken = Self.token }) { server in
            let auths: [JSONValue] = [
                .null, ["admin": "wrong"], ["admin": .string(String(Self.token.dropLast()))], ["admin": .string(Self.token + "!")],
                ["admin": 42], ["token": .string(Self.token)], .string(Self.token),
            ]
            for auth in auths {
                let socket = try await Self.open(server, auth: auth)
                for (id, method) in Self.adminMethods.enumerated() {
                    #expect(try await Self.call(socket, id: id, method) == withoutAdmin[id], "auth \(auth.compactString)")
                }
            }
        }
    }

    @Test func withTheTokenTheSessionsAreListedAndOneIsEnded() async throws {
        try await withServer({ $0.adminToken = Self.token }) { server in
            let admin = try await Self.open(server, auth: ["admin": .string(Self.token)])
            let (other, otherSession) = try await openWebSocket(server)
            #expect(try await Self.call(other, id: 0, "subscribe", "orders.*") == #"[3,0,0,["orders.*"]]"#)
            let listed = try JSONValue(parsing: try await Self.reply(admin, id: 0, "mushroom.sessions"))
            let sessions = try #require(listed.arrayValue?.last?.arrayValue)
            #expect(sessions.count == 2)
            let entry = try #require(sessions.first { $0["id"]?.stringValue == otherSession.id })
            #expect(entry["transport"] == "ws")
            #expect(entry["remoteAddress"] == "127.0.0.1")
            #expect(entry["subscriptions"] == ["orders.*"])
            #expect(entry["messagesIn"] == 1)
            #expect(entry["messagesOut"]?.integerValue.map { $0 >= 1 } == true)
            #expect(entry["unacknowledged"] == 1)
            #expect(entry["ageSeconds"]?.doubleValue.map { $0 >= 0 && $0 < 60 } == true)
            #expect(entry["ratePerSecond"]?.doubleValue.map { $0 >= 0 } == true)
            #expect(Set(entry.objectValue.map { Array($0.keys) } ?? []) == [
                "id", "transport", "remoteAddress", "ageSeconds", "subscriptions", "unacknowledged", "messagesIn", "messagesOut", "ratePerSecond",
            ])

            #expect(try await Self.call(admin, id: 1, "mushroom.session.end", .string(otherSession.id)) == "[3,1,1,true]")
            #expect(otherSession.end == .endedByOperator)
            var inbox = Inbox(other)
            var last: Message?
            while let message = await inbox.next() { last = message }
            #expect(last == .disconnect)
            #expect(server.sessions.count == 1)
            #expect(try await Self.call(admin, id: 2, "mushroom.session.end", .string(otherSession.id))
                == #"[4,2,2,"no live session '\#(otherSession.id)'"]"#)
            #expect(try await Self.call(admin, id: 3, "mushroom.session.end", 7) == #"[4,3,3,"mushroom.session.end takes a session id, got an integer"]"#)
            let own = try #require(server.sessions.all.first?.id)
            #expect(try await Self.call(admin, id: 4, "mushroom.session.end", .string(own))
                == #"[4,4,4,"session '\#(own)' is the calling session: close its connection instead"]"#)
            #expect(server.sessions.count == 1)
        }
    }

    @Test func statisticsArriveEveryIntervalUntilUnsubscribed() async throws {
        try await withServer({ $0.adminToken = Self.token }) { server in
            let admin = try await Self.open(server, auth: ["admin": .string(Self.token)])
            let now = try JSONValue(parsing: try await Self.reply(admin, id: 0, "mushroom.statistics.subscribe", ["interval": 0.1]))
            let statistics = try #require(now.arrayValue?.last)
            #expect(statistics["sessions"] == ["ws": 1, "poll": 0])
            #expect(statistics["messagesReceived"]?["request"] == 1)
            #expect(statistics["slowConsumerDisconnects"] == 0)
            #expect(Set(statistics.objectValue.map { Array($0.keys) } ?? []) == [
                "sessions", "unacknowledged", "messagesReceived", "messagesSent", "slowConsumerDisconnects", "uptimeSeconds",
            ])
            var inbox = Inbox(admin)
            let pushed = await inbox.next(ignoring: [])
            guard case .notification(let notification) = pushed else {
                Issue.record("expected a statistics notification, got \(String(describing: pushed))")
                return
            }
            #expect(notification.method == "mushroom.statistics")
            #expect(notification.data["sessions"] == ["ws": 1, "poll": 0])
            admin.send(.request(.init(id: 1, method: "mushroom.statistics.unsubscribe", data: .null)))
            guard case .response(let response) = await Self.nextAnswer(&inbox) else {
                Issue.record("no answer to the unsubscribe")
                return
            }
            #expect(response.requestID == 1 && response.data == true)
        }
    }

    static let badIntervals: [(JSONValue, String)] = [
        (["interval": 0], "the statistics interval must be from 0.1 to 3600 seconds, got 0.0"),
        (["interval": 1e9], "the statistics interval must be from 0.1 to 3600 seconds, got 1000000000.0"),
        (["interval": "soon"], "the statistics interval must be a number of seconds, got a string"),
        (["every": 1], #"mushroom.statistics.subscribe takes {"interval": SECONDS}, got an object"#),
        ([1], #"mushroom.statistics.subscribe takes {"interval": SECONDS}, got an array"#),
    ]

    @Test(arguments: badIntervals)
    func aBadStatisticsIntervalIsAnErrorReply(data: JSONValue, reason: String) async throws {
        try await withServer({ $0.adminToken = Self.token }) { server in
            let admin = try await Self.open(server, auth: ["admin": .string(Self.token)])
            #expect(try await Self.call(admin, id: 0, "mushroom.statistics.subscribe", data) == JSONValue.array([4, 0, 0, .string(reason)]).compactString)
        }
    }

    /// Bootstraps a WebSocket session with `auth` and opens it.
    static func open(_ server: RunningMushroomServer, auth: JSONValue) async throws -> TestWebSocket {
        let url = try await TestHTTP.bootstrap(server.url, transports: ["ws"], auth: auth)
        let socket = try await TestWebSocket.connect(url)
        let session = try #require(server.sessions.session(id: String(url.split(separator: "/").last ?? "")))
        try #require(await eventually { session.engine.isAttached })
        return socket
    }

    /// Sends request `id` and returns the raw frame that answers it (Heartbeats skipped).
    static func call(_ socket: TestWebSocket, id: Int, _ method: String, _ data: JSONValue = .null) async throws -> String {
        try await reply(socket, id: id, method, data)
    }

    static func reply(_ socket: TestWebSocket, id: Int, _ method: String, _ data: JSONValue = .null) async throws -> String {
        socket.send(.request(.init(id: id, method: method, data: data)))
        var frames = socket.messages.makeAsyncIterator()
        while let frame = await frames.next() {
            guard let message = try? Message(frame: Array(frame.utf8)) else { continue }
            switch message {
            case .response(let response) where response.requestID == id: return frame
            case .error(let error) where error.requestID == id: return frame
            default: continue
            }
        }
        throw SocketClosed()
    }

    static func nextAnswer(_ inbox: inout Inbox) async -> Message? {
        while let message = await inbox.next() {
            switch message {
            case .response, .error: return message
            default: continue
            }
        }
        return nil
    }

    struct SocketClosed: Error {}
}
