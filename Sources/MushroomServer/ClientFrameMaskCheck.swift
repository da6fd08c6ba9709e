import NIOCore

/// In every connection's pipeline, before the HTTP and WebSocket decoders: once the connection
/// has been upgraded (its first response is a `101`), reads the header of every inbound WebSocket
/// frame and closes the connection with 1002 at the first frame that is not masked. RFC 6455
/// 5.1: a server must close the connection on an unmasked client frame; NIO's frame decoder
/// accepts either. A connection whose first response is not a `101` is never upgraded
/// (Hummingbird upgrades only on a first request), and the check leaves its pipeline.
final class ClientFrameMaskCheck: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State {
        /// No response written yet.
        case http
        /// Upgraded: reading frame headers.
        case webSocket(FrameHeaderScan)
        /// An unmasked frame arrived: the connection is closing.
        case closing
    }

    private var state = State.http

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .http = state else { return context.write(data, promise: promise) }
        let upgraded = unwrapOutboundIn(data).readableBytesView.starts(with: "HTTP/1.1 101 ".utf8)
        context.write(data, promise: promise)
        if upgraded {
            state = .webSocket(FrameHeaderScan())
        } else {
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch state {
        case .http:
            context.fireChannelRead(data)
        case .closing:
            break
        case .webSocket(var scan):
            guard scan.consume(unwrapInboundIn(data).readableBytesView) else {
                state = .closing
                closeForUnmaskedFrame(context)
                return
            }
            state = .webSocket(scan)
            context.fireChannelRead(data)
        }
    }

    /// Writes a close frame with code 1002 straight to the socket and closes the connection.
    private func closeForUnmaskedFrame(_ context: ChannelHandlerContext) {
        let reason = Array("client frames must be masked".utf8)
        var frame = context.channel.allocator.buffer(capacity: 4 + reason.count)
        frame.writeBytes([0x88, UInt8(2 + reason.count), 0x03, 0xEA])
        frame.writeBytes(reason)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(frame)).whenComplete { _ in channel.close(promise: nil) }
    }
}

/// Walks the frames of a WebSocket byte stream from the client, header by header, skipping
/// payloads by their length (RFC 6455 5.2).
struct FrameHeaderScan {
    private var header: [UInt8] = []
    private var payloadLeft: UInt64 = 0

    /// Reads the next bytes of the stream; false at the first frame that is not masked.
    mutating func consume(_ bytes: some Collection<UInt8>) -> Bool {
        var rest = bytes[...]
        while !rest.isEmpty {
            if payloadLeft > 0 {
                let skipped = Int(min(payloadLeft, UInt64(rest.count)))
                rest = rest.dropFirst(skipped)
                payloadLeft -= UInt64(skipped)
                continue
            }
            header.append(rest.removeFirst())
            if header.count == 2, header[1] & 0x80 == 0 { return false }
            guard header.count >= 2, header.count == Self.headerLength(header) else { continue }
            payloadLeft = Self.payloadLength(header)
            header.removeAll(keepingCapacity: true)
        }
        return true
    }

    /// The length of a masked frame's header with this start: 2 bytes, the extended length, the key.
    private static func headerLength(_ header: [UInt8]) -> Int {
        switch header[1] & 0x7F {
        case 126: 2 + 2 + 4
        case 127: 2 + 8 + 4
        default: 2 + 4
        }
    }

    private static func payloadLength(_ header: [UInt8]) -> UInt64 {
        switch header[1] & 0x7F {
        case 126: header[2...3].reduce(0) { $0 << 8 | UInt64($1) }
        case 127: header[2...9].reduce(0) { $0 << 8 | UInt64($1) }
        case let length: UInt64(length)
        }
    }
}
