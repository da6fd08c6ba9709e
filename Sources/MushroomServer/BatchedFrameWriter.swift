import MushroomRPC
import NIOCore
import NIOWebSocket
import Synchronization

/// Writes a WebSocket session's outbound messages, one text frame each, straight to its channel:
/// whatever queued up while the event loop was busy goes out in one flush, so a session that
/// receives a burst (a broadcast storm, a retransmission) costs one socket write, not one per
/// message. Hummingbird's WebSocket writer hops to the event loop and flushes once per frame,
/// which cost as much as everything else of a broadcast together.
///
/// Of the Heartbeats in one batch only the last is written (`Message.withoutCoveredHeartbeats`).
final class BatchedFrameWriter: Sendable {
    private struct Queue {
        var messages: [Message] = []
        var isWriteScheduled = false
        var isFinished = false
    }

    private let channel: any Channel
    private let queue = Mutex(Queue())

    init(channel: any Channel) {
        self.channel = channel
    }

    /// Queues `message`; it is written on the channel's event loop with whatever else is queued.
    /// Every queued message is handed to the channel before anything submitted to the event loop
    /// after this call (the event loop runs its tasks in order), such as a close frame written
    /// through Hummingbird's writer.
    func enqueue(_ message: Message) {
        let schedule = queue.withLock { queue in
            guard !queue.isFinished else { return false }
            queue.messages.append(message)
            defer { queue.isWriteScheduled = true }
            return !queue.isWriteScheduled
        }
        if schedule { channel.eventLoop.execute { self.writeQueued() } }
    }

    /// Ignores whatever is queued from now on, because the socket is about to be closed: no data
    /// frame may follow a close frame. What was queued before is still written. The session's
    /// engine keeps the ignored messages until they are acknowledged, for the next socket.
    func finish() {
        queue.withLock { $0.isFinished = true }
    }

    private func writeQueued() {
        let batch = queue.withLock { queue in
            queue.isWriteScheduled = false
            var batch: [Message] = []
            swap(&batch, &queue.messages)
            return batch
        }
        guard !batch.isEmpty else { return }
        let pipeline = channel.pipeline.syncOperations
        for message in Message.withoutCoveredHeartbeats(batch) {
            pipeline.write(NIOAny(WebSocketFrame(fin: true, opcode: .text, data: payload(message.frame))), promise: nil)
        }
        pipeline.flush()
    }

    /// The largest header of an unmasked frame (RFC 6455 5.2).
    private static let frameHeaderSize = 10

    /// `bytes` in a buffer with room in front for the frame header, which the encoder then writes
    /// in place instead of in a buffer of its own: one allocation and one iovec per frame.
    private func payload(_ bytes: [UInt8]) -> ByteBuffer {
        var buffer = channel.allocator.buffer(capacity: Self.frameHeaderSize + bytes.count)
        buffer.moveWriterIndex(to: Self.frameHeaderSize)
        buffer.moveReaderIndex(to: Self.frameHeaderSize)
        buffer.writeBytes(bytes)
        return buffer
    }
}
