import Foundation
import MushroomServer
import NIOCore
import Testing

/// At its bound of connections the server sheds the oldest connection that never sent a
/// request head, and answers `503` when every connection is in use; it keeps serving either way.
@Suite(.timeLimit(.minutes(1)))
struct ConnectionLimitTests {
    @Test func anIdleConnectionIsShedForANewClient() async throws {
        try await withServer({
            $0.maximumConnections = 3
            // Loose enough for a loaded machine: no idle connection may time out before the
            // third one is open (at 2 s all three had, and none was left to shed).
            $0.requestReadTimeout = .seconds(5)
        }) { server in
            try await TestRawHTTP.withConnection(port: server.port) { first, _ in
                #expect(await eventually { server.connectionCount == 1 })
                try await TestRawHTTP.withConnection(port: server.port) { second, _ in
                    #expect(await eventually { server.connectionCount == 2 })
                    try await TestRawHTTP.withConnection(port: server.port) { third, _ throws in
                        #expect(await eventually { server.connectionCount == 3 })
                        // A fourth connection sheds the oldest idle one and is served.
                        let url = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
                        #expect(url.hasPrefix("http://"))
                        #expect(server.shedConnectionCount == 1)
                        // The shed one ends without an answer; the others get theirs at the read timeout.
                        let endings = [try await first.next(), try await second.next(), try await third.next()]
                        #expect(endings.map { $0?.status } == [nil, 408, 408])
                    }
                }
            }
        }
    }

    @Test func aConnectionBeyondTheBoundIsRefusedWhenAllAreInUse() async throws {
        try await withServer({
            $0.maximumConnections = 2
            $0.pollTimeout = .seconds(5)
        }) { server in
            let first = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
            let second = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
            try await holdingPoll(on: first, server: server) {
                try await holdingPoll(on: second, server: server) {
                    #expect(await eventually { server.connectionCount == 2 })
                    let refused = try await TestRawHTTP.withConnection(port: server.port) { reader, writer in
                        // The answer may come (and the connection end) before the request is written.
                        try? await writer.write(ByteBuffer(string: "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
                        return try await reader.next()
                    }
                    #expect(refused?.status == 503)
                    #expect(refused?.body == "the server holds its limit of 2 connections; try again later\n")
                }
            }
            #expect(server.sessions.count == 2)
        }
    }

    /// Holds a long poll on `url` over a raw connection while `body` runs. The bootstraps' pooled
    /// client connections are idle by then and are shed for it.
    private func holdingPoll(on url: String, server: RunningMushroomServer, _ body: () async throws -> Void) async throws {
        let path = String(url.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" })
        try await TestRawHTTP.withConnection(port: server.port) { _, writer in
            let poll = "[[0, null]]"
            try await writer.write(ByteBuffer(string: "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(poll.utf8.count)\r\n\r\n\(poll)"))
            let held = await eventually { server.sessions.session(id: String(path.split(separator: "/").last ?? ""))?.engine.isAttached == true }
            #expect(held)
            try await body()
        }
    }
}
