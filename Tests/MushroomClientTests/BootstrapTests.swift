import Foundation
import MushroomClient
import MushroomRPC
import MushroomTestSupport
import Testing

/// Every way a bootstrap can fail ends in its own error, with its own sentence.
@Suite(.timeLimit(.minutes(1)))
struct BootstrapTests {
    static func bootstrapError(_ answer: FakeMushroomServer.Bootstrap, transports: [TransportKind] = [.webSocket, .poll]) async throws -> (BootstrapError?, String) {
        let server = try await FakeMushroomServer.start(bootstrap: answer)
        defer { Task { await server.stop() } }
        do {
            let client = try await MushroomClient.connect(url: server.url, transports: transports)
            await client.close()
            return (nil, server.url)
        } catch let error as BootstrapError {
            return (error, server.url)
        }
    }

    @Test func status401IsAuthenticationRejected() async throws {
        let (error, url) = try await Self.bootstrapError(.answer(status: 401, body: ""))
        #expect(error == .authenticationRejected(url: url))
        #expect(error?.description == "The server at \(url) rejected the credentials (401 Unauthorized).")
    }

    @Test func status404IsNotFound() async throws {
        let (error, url) = try await Self.bootstrapError(.answer(status: 404, body: "404 Not Found"))
        #expect(error == .notFound(url: url))
        #expect(error?.description == "There is no mushroom endpoint at \(url) (404 Not Found).")
    }

    @Test func status405IsMethodNotAllowed() async throws {
        let (error, url) = try await Self.bootstrapError(.answer(status: 405, body: ""))
        #expect(error == .methodNotAllowed(url: url))
    }

    @Test func status501IsNoCommonTransport() async throws {
        let (error, _) = try await Self.bootstrapError(.answer(status: 501, body: ""), transports: [.poll])
        #expect(error == .noCommonTransport(offered: ["poll"]))
        #expect(error?.description == "The server supports none of the offered transports (poll) (501 Not Implemented).")
    }

    @Test func otherStatusIsUnexpected() async throws {
        let (error, url) = try await Self.bootstrapError(.answer(status: 500, body: "oops"))
        #expect(error == .unexpectedStatus(500, url: url))
    }

    @Test func nonJSONAnswerIsUnexpected() async throws {
        let (error, _) = try await Self.bootstrapError(.answer(status: 200, body: "<html>hello</html>"))
        guard case .unexpectedAnswer(let detail) = error else {
            Issue.record("expected unexpectedAnswer, got \(String(describing: error))")
            return
        }
        #expect(detail.hasPrefix("it is not JSON ("))
        #expect(detail.hasSuffix("): '<html>hello</html>'"))
    }

    @Test func jsonThatIsNotAnObjectIsUnexpected() async throws {
        let (error, _) = try await Self.bootstrapError(.answer(status: 200, body: "[1, 2]"))
        #expect(error == .unexpectedAnswer("expected a JSON object, got JSON of kind array"))
    }

    @Test func transportNotOfferedIsUnexpected() async throws {
        let (error, _) = try await Self.bootstrapError(
            .answer(status: 200, body: #"{"transport": "poll", "url": "http://127.0.0.1:1/x/"}"#), transports: [.webSocket])
        #expect(error == .unexpectedAnswer(#"it picked transport "poll", which was not offered"#))
    }

    @Test func missingURLIsUnexpected() async throws {
        let (error, _) = try await Self.bootstrapError(.answer(status: 200, body: #"{"transport": "ws"}"#))
        #expect(error == .unexpectedAnswer(#"the "url" field is missing or not a string"#))
    }

    @Test func sessionURLWithTheWrongSchemeIsUnexpected() async throws {
        let (error, _) = try await Self.bootstrapError(
            .answer(status: 200, body: #"{"transport": "ws", "url": "http://127.0.0.1:1/x/"}"#))
        #expect(error == .unexpectedAnswer(#"the session URL 'http://127.0.0.1:1/x/' does not suit transport "ws""#))
    }

    @Test(arguments: ["99999", "65536", "0", "99999999999999999999"])
    func sessionURLWithAPortBeyondRangeIsUnexpected(port: String) async throws {
        let url = "ws://127.0.0.1:\(port)/session/"
        let (error, _) = try await Self.bootstrapError(.answer(status: 200, body: #"{"transport": "ws", "url": "\#(url)"}"#))
        #expect(error == .unexpectedAnswer("the session URL '\(url)' is not usable: its port \(port) is not a number from 1 to 65535"))
        #expect(error?.description == "The server's bootstrap answer is not what a mushroom server sends: the session URL '\(url)' is not usable: its port \(port) is not a number from 1 to 65535.")
    }

    @Test func refusedConnection() async throws {
        let refusing = try RefusingPort()
        let port = refusing.port
        await #expect(throws: BootstrapError.connectionRefused(host: "127.0.0.1", port: port)) {
            _ = try await MushroomClient.connect(url: "http://127.0.0.1:\(port)/")
        }
        withExtendedLifetime(refusing) {}
    }

    @Test func unresolvableHost() async throws {
        await #expect(throws: BootstrapError.unresolvableHost("no-such-host.invalid")) {
            _ = try await MushroomClient.connect(url: "http://no-such-host.invalid/")
        }
    }

    @Test func tlsFailure() async throws {
        // A server that answers the TLS client's hello in plain HTTP: the handshake cannot complete.
        let plain = try await SilentServer.start(answeringPlainHTTP: true)
        defer { Task { await plain.stop() } }
        do {
            _ = try await MushroomClient.connect(url: "https://127.0.0.1:\(plain.port)/")
            Issue.record("a TLS handshake with a plain HTTP server succeeded")
        } catch let error as BootstrapError {
            guard case .tlsFailure(let host, _) = error else {
                Issue.record("expected tlsFailure, got \(error)")
                return
            }
            #expect(host == "127.0.0.1")
            #expect(error.description == "The TLS handshake with 127.0.0.1 failed: the server does not answer in TLS (is it a plain http server?).")
        }
    }

    @Test func urlWithoutHTTPSchemeIsInvalid() async throws {
        let error = BootstrapError.invalidURL(EndpointError(url: "ftp://example.org/", reason: "it does not begin with http:// or https://"))
        await #expect(throws: error) {
            _ = try await MushroomClient.connect(url: "ftp://example.org/")
        }
        #expect(error.description == "'ftp://example.org/' is not a usable mushroom URL: it does not begin with http:// or https://.")
    }
}
