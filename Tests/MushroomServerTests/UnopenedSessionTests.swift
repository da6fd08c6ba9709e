import Foundation
import MushroomServer
import Testing

/// Sessions bootstrapped and never opened: they expire, and one address may hold only so many.
@Suite(.timeLimit(.minutes(1)))
struct UnopenedSessionTests {
    @Test func webSocketSessionNeverOpenedExpiresButAnOpenedOneStays() async throws {
        try await withServer({
            $0.unopenedSessionMaximumAge = .seconds(2)
            $0.pollCleanupInterval = .milliseconds(50)
        }) { server in
            let (socket, opened) = try await openWebSocket(server)
            let url = try await TestHTTP.bootstrap(server.url, transports: ["ws"])
            let id = String(url.split(separator: "/").last ?? "")
            let unopened = try #require(server.sessions.session(id: id))
            #expect(await eventually { unopened.end != nil })
            #expect(unopened.end == .neverOpened)
            #expect(server.sessions.session(id: opened.id) != nil)
            #expect(server.sessions.count == 1)
            socket.close()
        }
    }

    @Test func oneAddressMayHoldOnlySoManyUnopenedSessions() async throws {
        try await withServer({ $0.maximumUnopenedSessionsPerAddress = 3 }) { server in
            var urls: [String] = []
            for _ in 0..<3 { urls.append(try await TestHTTP.bootstrap(server.url, transports: ["ws"])) }
            let refused = try await TestHTTP.post(server.url, #"{"transports": ["poll"]}"#)
            #expect(refused.status == 429)
            #expect(refused.body == "127.0.0.1 already holds 3 sessions that were never opened; open them or wait for them to expire\n")
            // Opening one makes room for one more.
            let socket = try await TestWebSocket.connect(urls[0])
            let first = try #require(server.sessions.session(id: String(urls[0].split(separator: "/").last ?? "")))
            #expect(await eventually { first.engine.isAttached })
            let poll = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
            #expect(try await TestHTTP.post(server.url, #"{"transports": ["poll"]}"#).status == 429)
            // A poll request opens a poll session; a session that ends unopened frees its place too.
            #expect(try await TestHTTP.post(poll, "[]").body == "null")
            #expect(try await TestHTTP.post(server.url, #"{"transports": ["ws"]}"#).status == 200)
            socket.close()
        }
    }
}
