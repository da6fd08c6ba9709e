import Foundation
import MushroomRPC
import MushroomServer
import NIOHTTP1
import Testing

@Suite(.timeLimit(.minutes(1)))
struct BootstrapTests {
    @Test func picksTheFirstSupportedTransportInTheClientsOrder() async throws {
        try await withServer { server in
            let ws = try await TestHTTP.post(server.url, #"{"transports": ["carrier-pigeon", "ws", "poll"]}"#)
            #expect(ws.status == 200)
            #expect(ws.json?["transport"] == "ws")
            let wsURL = try #require(ws.json?["url"]?.stringValue)
            #expect(wsURL.hasPrefix("ws://127.0.0.1:\(server.port)/"))
            let id = try #require(wsURL.split(separator: "/").last)
            #expect(SessionID.isWellFormed(id))

            let poll = try await TestHTTP.post(server.url, #"{"transports": ["poll", "ws"]}"#)
            #expect(poll.json?["transport"] == "poll")
            #expect(poll.json?["url"]?.stringValue?.hasPrefix("http://127.0.0.1:\(server.port)/") == true)
            #expect(server.sessions.count == 2)
        }
    }

    @Test func answersWithCORSHeaderAndParsesTextPlainBodiesAsJSON() async throws {
        try await withServer { server in
            let reply = try await TestHTTP.post(server.url, #"{"transports": ["poll"]}"#, headers: [("Content-Type", "text/plain")])
            #expect(reply.status == 200)
            #expect(reply.headers["Access-Control-Allow-Origin"] == ["*"])
        }
    }

    @Test func mountsUnderTheBasePath() async throws {
        try await withServer({ $0.basePath = "/rpc/mushroom/" }) { server in
            #expect(server.url.hasSuffix("/rpc/mushroom/"))
            let url = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
            #expect(url.contains("/rpc/mushroom/"))
            #expect(try await TestHTTP.post(url, "[]").body == "null")
            let elsewhere = try await TestHTTP.post("http://127.0.0.1:\(server.port)/", #"{"transports": ["poll"]}"#)
            #expect(elsewhere.status == 404)
        }
    }

    @Test func nonPostBootstrapIs405WithAllowPost() async throws {
        try await withServer { server in
            for method in [HTTPMethodName.GET, .PUT, .DELETE] {
                let reply = try await TestHTTP.request(method.nio, server.url)
                #expect(reply.status == 405)
                #expect(reply.headers["Allow"] == ["POST"])
                #expect(reply.body == "\(method.rawValue) is not allowed on the bootstrap endpoint; use POST\n")
            }
        }
    }

    @Test func noSupportedTransportIs501() async throws {
        try await withServer { server in
            let reply = try await TestHTTP.post(server.url, #"{"transports": ["sse"]}"#)
            #expect(reply.status == 501)
            #expect(reply.body == "none of the offered transports [\"sse\"] is supported; this server speaks \"ws\" and \"poll\"\n")
            #expect(server.sessions.count == 0)
        }
    }

    @Test(arguments: [
        ("not json", "the bootstrap body is not JSON: invalid literal at byte 0\n"),
        ("[1]", "the bootstrap body must be a JSON object like {\"transports\": [\"ws\", \"poll\"]}, got an array\n"),
        (#"{"auth": null}"#, "the bootstrap body needs \"transports\": a list of transport names such as [\"ws\", \"poll\"]\n"),
        (#"{"transports": [1]}"#, "\"transports\" must list transport names as strings, got an integer\n"),
    ])
    func malformedBootstrapBodyIs400WithTheReason(body: String, expected: String) async throws {
        try await withServer { server in
            let reply = try await TestHTTP.post(server.url, body)
            #expect(reply.status == 400)
            #expect(reply.body == expected)
            #expect(server.sessions.count == 0)
        }
    }

    @Test func unknownSessionIs404() async throws {
        try await withServer { server in
            let reply = try await TestHTTP.post(server.url + "AAAAAAAAAAAAAAAAAAAAAA/", "[[0, null]]")
            #expect(reply.status == 404)
            #expect(reply.body == "unknown session 'AAAAAAAAAAAAAAAAAAAAAA': it never existed or has ended; bootstrap again\n")
            #expect(try await TestHTTP.post(server.url + "nope/", "[]").status == 404)
        }
    }
}

/// The HTTP methods the tests send, by name.
enum HTTPMethodName: String {
    case GET, PUT, DELETE
    var nio: NIOHTTP1.HTTPMethod {
        switch self {
        case .GET: .GET
        case .PUT: .PUT
        case .DELETE: .DELETE
        }
    }
}
