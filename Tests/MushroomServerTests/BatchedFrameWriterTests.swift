@testable import MushroomServer
import MushroomRPC
import NIOCore
import NIOEmbedded
import NIOWebSocket
import Testing

struct BatchedFrameWriterTests {
    @Test func writesWhatQueuedUpInOrderAndOnlyTheLastHeartbeatOfABatch() throws {
        let connection = try WrittenFrames()
        let writer = BatchedFrameWriter(channel: connection.channel)
        let engine = Engine()
        _ = engine.attach(wake: writer.wake)
        try engine.send(.heartbeat(.init(lastMessageID: 1)))
        try engine.send(.notification(.init(id: 0, method: "a")))
        try engine.send(.heartbeat(.init(lastMessageID: 2)))
        try engine.send(.request(.init(id: 1, method: "b", data: [1, 2])))
        #expect(try connection.messages() == [])
        connection.channel.embeddedEventLoop.run()
        #expect(try connection.writes() == 1)
        #expect(try connection.messages() == [
            .notification(.init(id: 0, method: "a")),
            .heartbeat(.init(lastMessageID: 2)),
            .request(.init(id: 1, method: "b", data: [1, 2])),
        ])
        try engine.send(.heartbeat(.init(lastMessageID: 3)))
        connection.channel.embeddedEventLoop.run()
        #expect(try connection.messages() == [.heartbeat(.init(lastMessageID: 3))])
    }

    @Test func nothingQueuedAfterFinishIsWrittenButWhatWasQueuedBeforeIs() throws {
        let connection = try WrittenFrames()
        let writer = BatchedFrameWriter(channel: connection.channel)
        let engine = Engine()
        _ = engine.attach(wake: writer.wake)
        try engine.send(.notification(.init(id: 0, method: "before")))
        writer.finish()
        connection.channel.embeddedEventLoop.run()
        try engine.send(.notification(.init(id: 1, method: "after")))
        connection.channel.embeddedEventLoop.run()
        #expect(try connection.messages() == [.notification(.init(id: 0, method: "before"))])
    }

    /// Payloads of 125 and 126 bytes, and of 65,535 and 65,536, sit on either side of the frame
    /// header's one-, two- and eight-byte lengths.
    @Test(arguments: [0, 125, 126, 65_535, 65_536, 200_000])
    func framesOfEveryLengthDecodeWithNIOsDecoder(payloadSize: Int) throws {
        let overhead = Message.notification(.init(id: 7, method: "m", data: "")).frame.count
        let data = JSONValue.string(String(repeating: "x", count: max(0, payloadSize - overhead)))
        let message = Message.notification(.init(id: 7, method: "m", data: data))
        let connection = try WrittenFrames()
        let writer = BatchedFrameWriter(channel: connection.channel)
        let engine = Engine()
        _ = engine.attach(wake: writer.wake)
        try engine.send(message)
        try engine.send(.heartbeat(.init(lastMessageID: 3)))
        connection.channel.embeddedEventLoop.run()
        #expect(try connection.messages() == [message, .heartbeat(.init(lastMessageID: 3))])
    }

    @Test func withoutAFrameEncoderInThePipelineNothingIsWritten() throws {
        let channel = EmbeddedChannel()
        let writer = BatchedFrameWriter(channel: channel)
        let engine = Engine()
        _ = engine.attach(wake: writer.wake)
        try engine.send(.notification(.init(id: 0, method: "a")))
        channel.embeddedEventLoop.run()
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil)
    }
}

/// A server-side WebSocket pipeline (frame encoder) on an embedded channel, and what it wrote
/// decoded back into messages by NIO's frame decoder.
private struct WrittenFrames {
    let channel = EmbeddedChannel()
    private let decoder = EmbeddedChannel(handler: ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: 1 << 20)))

    init() throws {
        try channel.pipeline.syncOperations.addHandler(WebSocketFrameEncoder())
    }

    /// Moves the bytes written so far into the decoder; returns how many buffers they were.
    func writes() throws -> Int {
        var count = 0
        while let bytes = try channel.readOutbound(as: ByteBuffer.self) {
            try decoder.writeInbound(bytes)
            count += 1
        }
        return count
    }

    /// The messages in the text frames written so far.
    func messages() throws -> [Message] {
        _ = try writes()
        var messages: [Message] = []
        while let frame = try decoder.readInbound(as: WebSocketFrame.self) {
            #expect(frame.fin && frame.opcode == .text && frame.maskKey == nil)
            messages.append(try Message(frame: Array(frame.data.readableBytesView)))
        }
        return messages
    }
}
