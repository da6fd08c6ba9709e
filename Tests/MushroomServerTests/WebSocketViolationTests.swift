import MushroomServer
import NIOCore
import Testing

/// Frames that break RFC 6455, sent over a raw socket after a real upgrade: the server closes
/// with the code the RFC names, and the session waits for the client to resume.
@Suite(.timeLimit(.minutes(1)))
struct WebSocketViolationTests {
    /// Each violation and the close code it must get.
    static let violations: [(frame: [UInt8], code: Int)] = {
        // A continuation frame with no message started: 1002.
        let continuation: [UInt8] = [0x80, 0x88] + maskedPayload(Array("[0,null]".utf8))
        // A text frame that is not UTF-8: 1007.
        let notUTF8: [UInt8] = [0x81, 0x82] + maskedPayload([0xFF, 0xFE])
        // A frame that is not masked: 1002 (RFC 6455 5.1).
        let unmasked: [UInt8] = [0x81, 0x08] + Array("[0,null]".utf8)
        // The same after a masked frame of 200 bytes (a 16-bit length).
        let echo = Array(("[2,0,\"echo\",\"" + String(repeating: "a", count: 185) + "\"]").utf8)
        let long: [UInt8] = [0x81, 0xFE, 0x00, UInt8(echo.count)] + maskedPayload(echo)
        return [(continuation, 1002), (notUTF8, 1007), (unmasked, 1002), (long + unmasked, 1002)]
    }()

    @Test(arguments: violations)
    func violationClosesWithItsCode(frame: [UInt8], code: Int) async throws {
        try await withServer { server in
            let url = try await TestHTTP.bootstrap(server.url, transports: ["ws"])
            let id = String(url.split(separator: "/").last ?? "")
            let (status, bytes) = try await TestRawHTTP.withConnection(port: server.port) { reader, writer in
                try await writer.write(ByteBuffer(string: upgradeRequest(path: "/\(id)/")))
                let reply = try await reader.next()
                try await writer.write(ByteBuffer(bytes: frame))
                return (reply?.status, try await reader.remainingBytes())
            }
            #expect(status == 101)
            #expect(closeCode(in: bytes) == code)
            #expect(server.sessions.session(id: id) != nil)
        }
    }

    @Test(arguments: ["/AAAAAAAAAAAAAAAAAAAAAA/", "/AAAAAAAAAAAAAAAAAAAAAA", "/not-an-id/?x=1"])
    func upgradeToNoLiveSessionIs404(path: String) async throws {
        try await withServer { server in
            let reply = try await TestRawHTTP.withConnection(port: server.port) { reader, writer in
                try await writer.write(ByteBuffer(string: upgradeRequest(path: path)))
                return try await reader.next()
            }
            let shown = path.contains("not-an-id") ? "id" : "'AAAAAAAAAAAAAAAAAAAAAA'"
            #expect(reply?.status == 404)
            #expect(reply?.body == "unknown session \(shown): it never existed or has ended; bootstrap again\n")
            #expect(try await TestHTTP.bootstrap(server.url, transports: ["ws"]).hasPrefix("ws://"))
        }
    }
}

private func upgradeRequest(path: String) -> String {
    "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
}

/// A mask key and `payload` masked with it (RFC 6455 5.3).
private func maskedPayload(_ payload: [UInt8]) -> [UInt8] {
    let key: [UInt8] = [0x12, 0x34, 0x56, 0x78]
    return key + payload.enumerated().map { $0.element ^ key[$0.offset % 4] }
}

/// The status code of the first close frame among unmasked server frames.
private func closeCode(in bytes: [UInt8]) -> Int? {
    var index = 0
    while index + 1 < bytes.count {
        let opcode = bytes[index] & 0x0F
        let length = Int(bytes[index + 1] & 0x7F)
        guard length < 126 else { return nil }
        if opcode == 0x8, length >= 2, index + 3 < bytes.count {
            return Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
        }
        index += 2 + length
    }
    return nil
}
