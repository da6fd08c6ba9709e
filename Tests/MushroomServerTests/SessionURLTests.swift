import MushroomServer
import NIOCore
import Testing

/// The session URL a bootstrap answers with: built on a valid `Host` only, on the address the
/// request came in on without one, and secure only when a trusted proxy says so.
@Suite(.timeLimit(.minutes(1)))
struct SessionURLTests {
    @Test(arguments: [#"a/b?c#d"<x>"#, "exa mple.org", "example.org:99999", "example.org:", "[::1", "example.org:80x"])
    func hostThatIsNoAuthorityIsRefused(host: String) async throws {
        try await withServer { server in
            let reply = try await TestHTTP.post(server.url, #"{"transports": ["ws"]}"#, headers: [("Host", host)])
            #expect(reply.status == 400)
            #expect(reply.body == "the Host header '\(host)' is not a host name or address with an optional port\n")
            #expect(server.sessions.count == 0)
        }
    }

    @Test(arguments: ["example.org", "example.org:9000", "10.1.2.3:8080", "[::1]:8080", "my_host.internal"])
    func validHostIsUsed(host: String) async throws {
        try await withServer { server in
            let reply = try await TestHTTP.post(server.url, #"{"transports": ["ws"]}"#, headers: [("Host", host)])
            #expect(reply.json?["url"]?.stringValue?.hasPrefix("ws://\(host)/") == true)
        }
    }

    @Test func requestWithoutHostGetsTheAddressItCameIn() async throws {
        try await withServer { server in
            let reply = try await TestRawHTTP.withConnection(port: server.port) { reader, writer in
                let body = #"{"transports": ["poll"]}"#
                try await writer.write(ByteBuffer(string: "POST / HTTP/1.0\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"))
                return try await reader.next()
            }
            #expect(reply?.status == 200)
            #expect(reply?.body.contains(#""url":"http://127.0.0.1:\#(server.port)/"#) == true)
        }
    }

    @Test(arguments: [false, true])
    func forwardedProtoIsHeededOnlyWhenTrusted(trusted: Bool) async throws {
        try await withServer({ $0.trustsForwardedProto = trusted }) { server in
            let reply = try await TestHTTP.post(
                server.url, #"{"transports": ["ws"]}"#, headers: [("Host", "example.org:9000"), ("X-Forwarded-Proto", "https")])
            let scheme = trusted ? "wss" : "ws"
            #expect(reply.json?["url"]?.stringValue?.hasPrefix("\(scheme)://example.org:9000/") == true)
        }
    }
}
