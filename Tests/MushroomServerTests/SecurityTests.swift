import Foundation
import MushroomRPC
import MushroomServer
import NIOCore
import NIOWebSocket
import Synchronization
import Testing
import WSClient

/// The server's security properties, stated in one place:
/// - session ids are unguessable (22 characters of `[A-Za-z0-9]`, about 131 bits, drawn from the
///   system's secure generator, see `SessionID`) and never reused;
/// - a session URL serves only the transport it was bootstrapped with;
/// - oversized bodies and messages are rejected before they are buffered, and the server keeps serving;
/// - a `MethodDispatcher` exposes only the table entries carrying its prefix;
/// - a rejected authentication is `401` and creates no session.
@Suite(.timeLimit(.minutes(1)))
struct SecurityTests {
    // MARK: Session ids

    @Test func sessionIDsFromBootstrapsAreLongAlphanumericAndDistinct() async throws {
        #expect(Set(SessionID.alphabet).count == 62)
        #expect(Double(SessionID.length) * log2(Double(SessionID.alphabet.count)) >= 128)
        try await withServer { server in
            var ids: Set<String> = []
            for n in 0..<100 {
                let url = try await TestHTTP.bootstrap(server.url, transports: [n.isMultiple(of: 2) ? "ws" : "poll"])
                let id = sessionID(of: url)
                #expect(id.count == 22)
                #expect(id.allSatisfy { SessionID.alphabet.contains($0) }, "\(id)")
                ids.insert(id)
            }
            #expect(ids.count == 100)
            #expect(server.sessions.count == 100)
        }
    }

    @Test func sessionIDCharactersAreUniformOverEveryPosition() {
        let ids = (0..<3000).map { _ in SessionID.make() }
        var counts: [Character: Int] = [:]
        for id in ids {
            for character in id { counts[character, default: 0] += 1 }
        }
        #expect(Set(counts.keys) == Set(SessionID.alphabet))
        // Chi-square over 62 symbols (61 degrees of freedom: mean 61, deviation 11). A uniform source
        // stays far below 200; a biased or patterned one (a counter, a clock) goes far above.
        let expected = Double(ids.count * SessionID.length) / Double(SessionID.alphabet.count)
        let chiSquare = SessionID.alphabet.reduce(0.0) { sum, character in
            let deviation = Double(counts[character, default: 0]) - expected
            return sum + deviation * deviation / expected
        }
        #expect(chiSquare < 200, "chi-square \(chiSquare)")
        // No position is fixed or drawn from a few characters, and no two ids share a prefix.
        for position in 0..<SessionID.length {
            let characters = Set(ids.map { Array($0)[position] })
            #expect(characters.count == SessionID.alphabet.count, "position \(position) uses \(characters.count) characters")
        }
        #expect(Set(ids.map { $0.prefix(8) }).count == ids.count)
        #expect(!SessionID.isWellFormed("short"))
        #expect(!SessionID.isWellFormed("AAAAAAAAAAAAAAAAAAAAA-"))
    }

    @Test func sessionIDsAreNeverReusedAfterSessionsEnd() async throws {
        try await withServer { server in
            var seen: Set<String> = []
            var endedURLs: [String] = []
            for _ in 0..<5 {
                for _ in 0..<20 {
                    let url = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
                    #expect(seen.insert(sessionID(of: url)).inserted)
                    #expect(try await TestHTTP.post(url, "[[-1]]").body == "null")
                    endedURLs.append(url)
                }
                #expect(server.sessions.count == 0)
            }
            #expect(seen.count == 100)
            for url in endedURLs {
                let reply = try await TestHTTP.post(url, "[[0, null]]")
                #expect(reply.status == 404)
                #expect(reply.body == "unknown session '\(sessionID(of: url))': it never existed or has ended; bootstrap again\n")
            }
        }
    }

    // MARK: Transports

    @Test func aLongPollSessionRefusesAWebSocketUpgradeAndKeepsWorking() async throws {
        try await withServer { server in
            let url = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
            let id = sessionID(of: url)
            // Refused with what a request without an upgrade is told (the id is unguessable, so
            // the answer tells nothing a bootstrap did not).
            let refusal = try await upgradeAnswer(port: server.port, path: "/\(id)/")
            #expect(refusal?.status == 400)
            #expect(refusal?.body == "session '\(id)' uses the long-poll transport: poll it with POST, or bootstrap a WebSocket session\n")
            #expect(refusal?.headers["connection"] == "close")
            #expect(try await upgradeAnswer(port: server.port, path: "/AAAAAAAAAAAAAAAAAAAAAA/")?.status == 404)
            await #expect(throws: WebSocketClientError.webSocketUpgradeFailed) {
                _ = try await TestWebSocket.connect("ws://127.0.0.1:\(server.port)/\(id)/")
            }
            let session = try #require(server.sessions.session(id: id))
            #expect(!session.engine.isAttached)
            #expect(try await TestHTTP.post(url, #"[[2, 0, "echo", "mine"]]"#).body == "null")
            #expect(try await TestHTTP.post(url, "[[0, null]]").body == #"[[3,0,0,"mine"],[0,0]]"#)
        }
    }

    @Test func aWebSocketSessionRefusesLongPollsAndKeepsWorking() async throws {
        try await withServer { server in
            let (socket, session) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            let pollURL = "http://127.0.0.1:\(server.port)/\(session.id)/"
            for body in [#"[[2, 0, "echo", "stolen"], [0, null]]"#, "[[-1]]"] {
                let reply = try await TestHTTP.post(pollURL, body)
                #expect(reply.status == 400)
                #expect(reply.body == "session '\(session.id)' uses the WebSocket transport: open it with a WebSocket upgrade\n")
            }
            #expect(session.engine.lastReceivedID == nil)
            #expect(session.end == nil)
            socket.send(.request(.init(id: 0, method: "echo", data: "mine")))
            #expect(await inbox.next() == .heartbeat(.init(lastMessageID: 0)))
            #expect(await inbox.next() == .response(.init(id: 0, requestID: 0, data: "mine")))
        }
    }

    // MARK: Oversized input

    @Test func oversizedPollAndBootstrapBodiesAre413() async throws {
        try await withServer({ $0.maximumMessageSize = 1024 }) { server in
            let url = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
            let big = String(repeating: "x", count: 2000)
            let poll = try await TestHTTP.post(url, #"[[2, 0, "echo", "\#(big)"]]"#)
            #expect(poll.status == 413)
            #expect(poll.body == "poll body refused: the body exceeds the limit of 1024 bytes\n")
            #expect(server.sessions.all.first?.engine.lastReceivedID == nil)
            let bootstrap = try await TestHTTP.post(server.url, #"{"transports": ["poll"], "auth": "\#(big)"}"#)
            #expect(bootstrap.status == 413)
            #expect(bootstrap.body == "bootstrap body refused: the body exceeds the limit of 1024 bytes\n")
            #expect(server.sessions.count == 1)
            #expect(try await TestHTTP.post(url, #"[[2, 0, "echo", "small"]]"#).body == "null")
        }
    }

    @Test(arguments: ["bootstrap", "poll"])
    func aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsSent(target: String) async throws {
        try await withServer({ $0.maximumMessageSize = 1024 }) { server in
            let pollURL = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
            let path = target == "poll" ? "/\(sessionID(of: pollURL))/" : "/"
            let reply = try await TestRawHTTP.withConnection(port: server.port) { reader, writer in
                // Ten megabytes are announced; not one byte of them is ever sent.
                try await writer.write(ByteBuffer(string: "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10000000\r\n\r\n"))
                return try await reader.next()
            }
            #expect(reply?.status == 413)
            #expect(reply?.body == "\(target) body refused: the body exceeds the limit of 1024 bytes\n")
            #expect(server.sessions.count == 1)
            #expect(server.sessions.all.first?.engine.lastReceivedID == nil)
            #expect(try await TestHTTP.bootstrap(server.url, transports: ["ws"]).hasPrefix("ws://"))
        }
    }

    @Test(arguments: ["bootstrap", "poll"])
    func aChunkedBodyGrowingPastTheLimitIsCut(target: String) async throws {
        try await withServer({ $0.maximumMessageSize = 1024 }) { server in
            let pollURL = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
            let path = target == "poll" ? "/\(sessionID(of: pollURL))/" : "/"
            let reply = try await TestRawHTTP.withConnection(port: server.port) { reader, writer in
                try await writer.write(ByteBuffer(string: "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"))
                // Three chunks of 512 bytes pass the limit; the body never ends.
                let chunk = "200\r\n" + String(repeating: "[", count: 512) + "\r\n"
                for _ in 0..<3 { try await writer.write(ByteBuffer(string: chunk)) }
                return try await reader.next()
            }
            #expect(reply?.status == 413)
            #expect(reply?.body == "\(target) body refused: the body exceeds the limit of 1024 bytes\n")
            #expect(server.sessions.count == 1)
            #expect(server.sessions.all.first?.engine.lastReceivedID == nil)
            #expect(try await TestHTTP.post(pollURL, #"[[2, 0, "echo", "small"]]"#).body == "null")
        }
    }

    @Test func anOversizedWebSocketMessageClosesTheSocketUnreadWith1009() async throws {
        try await withServer({ $0.maximumMessageSize = 1024 }) { server in
            let (socket, session) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            let big = String(repeating: "x", count: 4000)
            socket.send(#"[2, 0, "echo", "\#(big)"]"#)
            #expect(await inbox.next() == nil)
            let frame = try await socket.closeFrame()
            #expect(frame?.closeCode == .messageTooLarge)
            #expect(session.engine.lastReceivedID == nil)
            // The server keeps serving, the session included: a new socket resumes it.
            let resumed = try await TestWebSocket.connect("ws://127.0.0.1:\(server.port)/\(session.id)/")
            var resumedInbox = Inbox(resumed)
            resumed.send(.request(.init(id: 0, method: "echo", data: "small")))
            // The greeting and the request's Heartbeat, or only the latter when it covered the first.
            let (heartbeat, message) = await resumedInbox.nextAfterHeartbeats()
            #expect(heartbeat == .init(lastMessageID: 0))
            #expect(message == .response(.init(id: 0, requestID: 0, data: "small")))
        }
    }

    // MARK: Dispatch

    @Test func aMethodDispatcherExposesOnlyPrefixedEntries() async throws {
        let dispatcher = MethodDispatcher(Vault())
        #expect(dispatcher.exposedMethodNames == ["echo"])
        #expect(try await call(dispatcher, "echo", "hi") == "hi")
        let refused: [(String, String)] = [
            ("__init__", "rpc___init__"), ("dispatch", "rpc_dispatch"), ("handle", "rpc_handle"),
            ("secret", "rpc_secret"), ("helper", "rpc_helper"), ("rpc_echo", "rpc_rpc_echo"),
            ("", "rpc_"), ("ECHO", "rpc_ECHO"), ("echo ", "rpc_echo "),
        ]
        for (method, attribute) in refused {
            await #expect(throws: MethodNotFound(attribute)) { try await call(dispatcher, method) }
        }
    }

    @Test func anUnexposedMethodIsAnErrorOnTheWireWithTheLookedUpName() async throws {
        try await withServer(handler: MethodDispatcher(Vault())) { server in
            let (socket, _) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            socket.send(.request(.init(id: 0, method: "__init__", data: nil)))
            #expect(await inbox.next() == .heartbeat(.init(lastMessageID: 0)))
            #expect(await inbox.next() == .error(.init(id: 0, requestID: 0, data: "rpc___init__")))
            socket.send(.request(.init(id: 1, method: "secret", data: nil)))
            #expect(await inbox.next() == .heartbeat(.init(lastMessageID: 1)))
            #expect(await inbox.next() == .error(.init(id: 1, requestID: 1, data: "rpc_secret")))
        }
    }

    // MARK: Authentication

    @Test(arguments: ["ws", "poll"])
    func aRejectedAuthIs401AndCreatesNoSession(transport: String) async throws {
        let handler = CountingTokenHandler()
        try await withServer(sessionHandler: handler) { server in
            let first = try await TestHTTP.bootstrap(server.url, transports: [transport], auth: ["token": "sesame"])
            for auth in [#"{"token": "wrong"}"#, "null", #""sesame""#] {
                let refused = try await TestHTTP.post(server.url, #"{"transports": ["\#(transport)"], "auth": \#(auth)}"#)
                #expect(refused.status == 401)
                #expect(refused.headers["WWW-Authenticate"] == ["Mushroom"])
                #expect(refused.body == "authentication failed\n")
            }
            let refusedWithoutAuth = try await TestHTTP.post(server.url, #"{"transports": ["\#(transport)"]}"#)
            #expect(refusedWithoutAuth.status == 401)
            #expect(server.sessions.all.map(\.id) == [sessionID(of: first)])
            #expect(handler.counts == (authenticated: 5, connected: 1))
            let second = try await TestHTTP.bootstrap(server.url, transports: [transport], auth: ["token": "sesame"])
            #expect(Set(server.sessions.all.map(\.id)) == [sessionID(of: first), sessionID(of: second)])
        }
    }

    // MARK: Helpers

    /// The answer to a WebSocket upgrade request for `path`, read as plain HTTP.
    private func upgradeAnswer(port: Int, path: String) async throws -> RawHTTPResponse? {
        try await TestRawHTTP.withConnection(port: port) { reader, writer in
            try await writer.write(ByteBuffer(string: """
                GET \(path) HTTP/1.1\r
                Host: 127.0.0.1:\(port)\r
                Upgrade: websocket\r
                Connection: Upgrade\r
                Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
                Sec-WebSocket-Version: 13\r
                \r

                """))
            return try await reader.next()
        }
    }

    private func sessionID(of url: String) -> String {
        String(url.split(separator: "/").last ?? "")
    }

    private func call(_ handler: any RPCHandler, _ method: String, _ data: JSONValue = nil) async throws -> JSONValue {
        try await handler.handle(RPCCall(kind: .request, id: 0, method: method, data: data, engine: Engine()))
    }
}

/// An object with one exposed method; its table also lists entries without the `rpc_` prefix
/// (named like the members a reflective dispatcher would reach), which must stay unreachable.
final class Vault: RPCExposing {
    static let rpcMethods: RPCMethodTable<Vault> = [
        "rpc_echo": Vault.echo,
        "secret": Vault.secret,
        "dispatch": Vault.secret,
        "__init__": Vault.secret,
    ]

    func echo(_ call: RPCCall) async throws -> JSONValue { call.data }
    func secret(_ call: RPCCall) async throws -> JSONValue { "the secret" }
    func helper() -> String { "not exposed" }
}

/// Accepts only `{"token": "sesame"}`, and counts authentications and connected sessions.
final class CountingTokenHandler: SessionHandler {
    private let authenticated = Atomic<Int>(0)
    private let connected = Atomic<Int>(0)

    var counts: (authenticated: Int, connected: Int) {
        (authenticated.load(ordering: .relaxed), connected.load(ordering: .relaxed))
    }

    func authenticate(_ auth: JSONValue, transport: TransportKind) async -> Bool {
        authenticated.add(1, ordering: .relaxed)
        return auth == ["token": "sesame"]
    }

    func connect(_ session: Session) async {
        connected.add(1, ordering: .relaxed)
    }
}
