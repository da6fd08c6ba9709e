import AsyncHTTPClient
import MushroomRPC
import MushroomServer
import NIOCore
import Testing

/// A bootstrap's `subscribe` and the session URLs a node hands out, on a server that is no
/// cluster node (no PostgreSQL needed).
@Suite struct PositionedBootstrapTests {
    private static func withServer<Result: Sendable>(
        _ configure: (inout MushroomServerConfiguration) -> Void = { _ in }, _ body: (RunningMushroomServer) async throws -> Result
    ) async throws -> Result {
        var configuration = MushroomServerConfiguration()
        configuration.port = 0
        configuration.maximumSubscriptions = 2
        configuration.logger.logLevel = .critical
        configure(&configuration)
        let running = try await MushroomServer(configuration: configuration).start()
        do {
            let result = try await body(running)
            await running.shutdown()
            return result
        } catch {
            await running.shutdown()
            throw error
        }
    }

    /// Posts a bootstrap; the answer's body as JSON, or as a string when it is not JSON (a refusal's
    /// sentence).
    private static func bootstrap(_ url: String, _ body: String) async throws -> (status: UInt, body: JSONValue) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 16))
        return (response.status.code, (try? JSONValue(parsing: text)) ?? .string(text))  // A refusal is text.
    }

    @Test(arguments: [
        ("5", #""subscribe" must be an object like {"patterns": ["orders.*"], "since": {"epoch": "...", "offset": 12}}, got an integer"#),
        (#"{"patterns": [1]}"#, #""subscribe" patterns must be strings, got an integer"#),
        (#"{"patterns": "news"}"#, #""subscribe" patterns must be a list of topic patterns, got a string"#),
        (#"{"patterns": ["a..b"]}"#, "invalid topic pattern 'a..b': segments between dots may not be empty"),
        (#"{"since": {"epoch": 1, "offset": 2}}"#, #""since" must be null or {"epoch": STRING, "offset": INTEGER} with an offset of 0 or more"#),
        (#"{"since": {"epoch": "e", "offset": -2}}"#, #""since" must be null or {"epoch": STRING, "offset": INTEGER} with an offset of 0 or more"#),
        (#"{"from": 1}"#, #""subscribe" takes "patterns" and "since", not "from""#),
        (#"{"patterns": ["a", "b", "c"]}"#, #""subscribe": subscribing would hold 3 topic patterns; a session holds at most 2"#),
    ])
    func aMalformedSubscribeIsRefusedWith400(subscribe: String, expected: String) async throws {
        try await Self.withServer { server in
            let answer = try await Self.bootstrap(server.url, #"{"transports": ["poll"], "subscribe": \#(subscribe)}"#)
            #expect(answer.status == 400)
            #expect(answer.body == .string(expected + "\n"))
            #expect(server.sessions.count == 0, "no session was left behind")
        }
    }

    @Test func aServerThatIsNoClusterNodeSubscribesWithoutPositions() async throws {
        try await Self.withServer { server in
            let fresh = try await Self.bootstrap(server.url, #"{"transports": ["poll"], "subscribe": {"patterns": ["news"]}}"#)
            #expect(fresh.body["subscription"] == ["patterns": ["news"], "position": .null, "recovered": true])
            let since = try await Self.bootstrap(
                server.url, #"{"transports": ["poll"], "subscribe": {"patterns": [], "since": {"epoch": "e", "offset": 3}}}"#)
            #expect(since.body["subscription"] == [
                "patterns": [], "position": .null, "recovered": false,
                "reason": "this server is not a cluster node: it keeps no positions to recover from",
            ])
            let plain = try await Self.bootstrap(server.url, #"{"transports": ["poll"]}"#)
            #expect(plain.body["subscription"] == nil, "the reference's answer when none is asked for")
        }
    }

    @Test func sessionURLsLeadToTheAdvertisedAddress() async throws {
        try await Self.withServer({ $0.advertisedURL = try? AdvertisedURL("https://lb.example:8443/node-a/") }) { server in
            for (transport, scheme) in [("ws", "wss"), ("poll", "https")] {
                let answer = try await Self.bootstrap(server.url, #"{"transports": ["\#(transport)"]}"#)
                let url = try #require(answer.body["url"]?.stringValue)
                #expect(url.hasPrefix("\(scheme)://lb.example:8443/node-a/") && url.hasSuffix("/"), "\(url)")
                #expect(url.split(separator: "/").count == 4, "one segment, the session id, after the advertised path: \(url)")
            }
        }
    }
}
