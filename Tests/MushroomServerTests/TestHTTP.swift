import AsyncHTTPClient
import Foundation
import MushroomRPC
import NIOCore
import NIOHTTP1

/// A finished HTTP exchange, for assertions.
struct HTTPReply: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: String

    var json: JSONValue? { try? JSONValue(parsing: body) }
    /// The poll answer's messages.
    var messages: [Message] {
        (json?.arrayValue ?? []).compactMap { try? Message(json: $0) }
    }
}

/// Small AsyncHTTPClient wrappers for the tests.
enum TestHTTP {
    static func request(_ method: HTTPMethod, _ url: String, body: String? = nil, headers: [(String, String)] = []) async throws -> HTTPReply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 24)
        return HTTPReply(status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes))
    }

    static func post(_ url: String, _ body: String, headers: [(String, String)] = []) async throws -> HTTPReply {
        try await request(.POST, url, body: body, headers: headers)
    }

    /// Bootstraps a session with `transports`; returns the session URL.
    static func bootstrap(_ server: String, transports: [String], auth: JSONValue = .null) async throws -> String {
        let body: JSONValue = ["transports": .array(transports.map(JSONValue.string)), "auth": auth]
        let reply = try await post(server, body.compactString)
        guard reply.status == 200, let url = reply.json?["url"]?.stringValue else {
            throw BootstrapFailed(reply: reply.body)
        }
        return url
    }

    struct BootstrapFailed: Error { let reply: String }
}
