import Foundation
import NIOCore
import NIOPosix

/// A raw TCP connection to a test server, for requests no HTTP client sends: a body that never
/// comes after its `Content-Length`, a chunked body that never ends, a WebSocket upgrade whose
/// refusal must be read as an ordinary HTTP answer.
enum TestRawHTTP {
    /// Connects to 127.0.0.1:`port`, runs `body` with the connection, and closes it.
    static func withConnection<Result: Sendable>(
        port: Int, _ body: (inout RawHTTPReader, NIOAsyncChannelOutboundWriter<ByteBuffer>) async throws -> Result
    ) async throws -> Result {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var reader = RawHTTPReader(iterator: inbound.makeAsyncIterator())
            return try await body(&reader, outbound)
        }
    }
}

/// One HTTP/1.1 response read off a raw connection.
struct RawHTTPResponse: Sendable, Equatable {
    let status: Int
    let headers: [String: String]
    let body: String
}

/// Reads HTTP/1.1 responses (with a `Content-Length`) off a raw connection.
struct RawHTTPReader {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private var pending: [UInt8] = []

    init(iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.iterator = iterator
    }

    /// The next response, or `nil` when the server closed the connection first.
    mutating func next() async throws -> RawHTTPResponse? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headerEnd: Int?
        while true {
            headerEnd = pending.indices.dropLast(3).first { Array(pending[$0..<($0 + 4)]) == separator }
            if headerEnd != nil { break }
            guard try await fill() else { return nil }
        }
        guard let headerEnd else { return nil }
        let head = String(decoding: pending[..<headerEnd], as: UTF8.self).split(separator: "\r\n")
        let status = head.first.flatMap { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) } } ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = headers["content-length"].flatMap { Int($0) } ?? 0
        let bodyStart = headerEnd + separator.count
        while pending.count < bodyStart + length {
            guard try await fill() else { return nil }
        }
        let body = String(decoding: pending[bodyStart..<(bodyStart + length)], as: UTF8.self)
        pending.removeFirst(bodyStart + length)
        return RawHTTPResponse(status: status, headers: headers, body: body)
    }

    /// The bytes read past the last response and what arrives after them, until the server closes
    /// the connection (for the frames that follow a WebSocket upgrade).
    mutating func remainingBytes() async throws -> [UInt8] {
        while try await fill() {}
        defer { pending = [] }
        return pending
    }

    private mutating func fill() async throws -> Bool {
        guard let buffer = try await iterator.next() else { return false }
        pending.append(contentsOf: buffer.readableBytesView)
        return true
    }
}
