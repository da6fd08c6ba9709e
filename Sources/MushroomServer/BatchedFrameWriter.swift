import MushroomRPC
import NIOCore
import NIOWebSocket
import Synchronization

/// Writes a WebSocket session's outbound messages, one text frame each, straight to its channel:
/// whatever queued up while the event loop was busy goes out in one buffer and one flush, so a
/// session that receives a burst (a broadcast storm, a retransmission) costs one socket write,
/// not one per message. Hummingbird's WebSocket writer hops to the event loop and flushes once
/// per frame, which cost as much as everything else of a broadcast together.
///
/// Of the Heartbeats in one batch only the last is written (`Message.withoutCoveredHeartbeats`).
final class BatchedFrameWriter: Sendable {
    private let channel: any Channel
    private let isFinished = Atomic(false)

    init(channel: any Channel) {
        self.channel = channel
    }

    /// The engine's wake-up of `connection`: what it queued is written on the channel's event
    /// loop with whatever else is queued by then. Every queued message is handed to the channel
    /// before anything submitted to the event loop after this call (the event loop runs its tasks
    /// in order), such as a close frame written through Hummingbird's writer.
    func wake(_ connection: EngineConnection) {
        channel.eventLoop.execute { self.writeQueued(connection) }
    }

    /// Writes nothing after the event loop's pending tasks, because the socket is about to be
    /// closed: no data frame may follow a close frame. What was queued before this call is still
    /// written. The session's engine keeps the messages not written until they are acknowledged,
    /// for the next socket.
    func finish() {
        channel.eventLoop.execute { self.isFinished.store(true, ordering: .relaxed) }
    }

    private func writeQueued(_ connection: EngineConnection) {
        var batch: [Message] = []
        while case let taken = connection.takeOutbound(), !taken.isEmpty { batch += taken }
        guard !batch.isEmpty, !isFinished.load(ordering: .relaxed),
            let encoder = try? channel.pipeline.syncOperations.context(handlerType: WebSocketFrameEncoder.self)
        else { return }  // No encoder: the connection is gone; the engine keeps what was unacknowledged.
        let frames = Message.withoutCoveredHeartbeats(batch).map(\.frame)
        var buffer = channel.allocator.buffer(capacity: frames.reduce(0) { $0 + Self.frameHeaderSize + $1.count })
        for frame in frames { Self.writeTextFrame(frame, to: &buffer) }
        encoder.write(NIOAny(buffer), promise: nil)
        encoder.flush()
    }

    /// The largest header of an unmasked frame (RFC 6455 5.2).
    private static let frameHeaderSize = 10

    /// Appends `payload` as one unmasked, final text frame (RFC 6455 5.2). The frames of a batch
    /// are serialised back to back into one buffer and written past NIO's `WebSocketFrameEncoder`,
    /// which takes one frame at a time and, for a frame written through the pipeline, writes its
    /// header into a buffer of its own: one buffer, one iovec and one pass through the pipeline a
    /// frame cost a quarter of a broadcasting server's CPU.
    static func writeTextFrame(_ payload: [UInt8], to buffer: inout ByteBuffer) {
        let finalText: UInt8 = 0x80 | UInt8(webSocketOpcode: .text)
        buffer.writeInteger(finalText)
        switch payload.count {
        case ..<126:
            buffer.writeInteger(UInt8(payload.count))
        case ...Int(UInt16.max):
            buffer.writeInteger(UInt8(126))
            buffer.writeInteger(UInt16(payload.count))
        default:
            buffer.writeInteger(UInt8(127))
            buffer.writeInteger(UInt64(payload.count))
        }
        buffer.writeBytes(payload)
    }
}
