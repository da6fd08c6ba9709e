import NIOCore
import NIOWebSocket

/// Serialises frames of one role (RFC 6455 5.2) back to back into one buffer, so that a batch of
/// messages costs one buffer, one write down the pipeline and one iovec. This is the pipeline's
/// frame encoder: NIO's `WebSocketFrameEncoder`, which takes one frame per write and writes a
/// header buffer of its own when the payload has no headroom, is not installed (one pass through
/// the pipeline and one iovec per frame cost a quarter of a broadcasting server's CPU).
struct WebSocketFrameSerializer {
    let role: WebSocketRole

    /// The largest frame header: two bytes, an eight-byte length and a four-byte masking key.
    static let maximumHeaderSize = 14

    /// Appends `payload` as one final frame with `opcode`, masked in the client role.
    func append(_ opcode: WebSocketOpcode, payload: some Collection<UInt8>, to buffer: inout ByteBuffer) {
        let maskKey = role.newMaskKey
        let maskBit: UInt8 = maskKey == nil ? 0 : 0x80
        buffer.writeInteger(0x80 | UInt8(webSocketOpcode: opcode))
        switch payload.count {
        case ..<126:
            buffer.writeInteger(maskBit | UInt8(payload.count))
        case ...Int(UInt16.max):
            buffer.writeInteger(maskBit | 126)
            buffer.writeInteger(UInt16(payload.count))
        default:
            buffer.writeInteger(maskBit | 127)
            buffer.writeInteger(UInt64(payload.count))
        }
        guard let maskKey else {
            buffer.writeBytes(payload)
            return
        }
        buffer.writeBytes(maskKey)
        let start = buffer.writerIndex - buffer.readerIndex
        buffer.writeBytes(payload)
        buffer.withUnsafeMutableReadableBytes { bytes in
            for offset in 0..<(bytes.count - start) { bytes[start + offset] ^= maskKey[offset & 3] }
        }
    }

    /// One frame in a buffer of its own.
    func frame(_ opcode: WebSocketOpcode, payload: some Collection<UInt8>, allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: Self.maximumHeaderSize + payload.count)
        append(opcode, payload: payload, to: &buffer)
        return buffer
    }
}
