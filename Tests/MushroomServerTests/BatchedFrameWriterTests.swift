@testable import MushroomServer
import MushroomRPC
import NIOCore
import NIOEmbedded
import NIOWebSocket
import Testing

struct BatchedFrameWriterTests {
    @Test func writesWhatQueuedUpInOrderAndOnlyTheLastHeartbeatOfABatch() throws {
        let channel = EmbeddedChannel()
        let writer = BatchedFrameWriter(channel: channel)
        writer.enqueue(.heartbeat(.init(lastMessageID: 1)))
        writer.enqueue(.notification(.init(id: 0, method: "a")))
        writer.enqueue(.heartbeat(.init(lastMessageID: 2)))
        writer.enqueue(.request(.init(id: 1, method: "b", data: [1, 2])))
        #expect(try written(channel) == [])
        channel.embeddedEventLoop.run()
        #expect(try written(channel) == [
            .notification(.init(id: 0, method: "a")),
            .heartbeat(.init(lastMessageID: 2)),
            .request(.init(id: 1, method: "b", data: [1, 2])),
        ])
        writer.enqueue(.heartbeat(.init(lastMessageID: 3)))
        channel.embeddedEventLoop.run()
        #expect(try written(channel) == [.heartbeat(.init(lastMessageID: 3))])
    }

    @Test func nothingQueuedAfterFinishIsWrittenButWhatWasQueuedBeforeIs() throws {
        let channel = EmbeddedChannel()
        let writer = BatchedFrameWriter(channel: channel)
        writer.enqueue(.notification(.init(id: 0, method: "before")))
        writer.finish()
        writer.enqueue(.notification(.init(id: 1, method: "after")))
        channel.embeddedEventLoop.run()
        #expect(try written(channel) == [.notification(.init(id: 0, method: "before"))])
    }

    /// The messages in the text frames written so far.
    private func written(_ channel: EmbeddedChannel) throws -> [Message] {
        var messages: [Message] = []
        while let frame = try channel.readOutbound(as: WebSocketFrame.self) {
            #expect(frame.fin && frame.opcode == .text)
            messages.append(try Message(frame: Array(frame.data.readableBytesView)))
        }
        return messages
    }
}
