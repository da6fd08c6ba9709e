import MushroomRPC
@testable import MushroomWebSocket
import NIOCore
import NIOEmbedded
import NIOWebSocket
import Testing

/// The shared handler in both roles, in the pipeline `addMushroomWebSocketHandlers` builds on an
/// embedded channel: raw frames in, the bytes it writes decoded back by NIO's frame decoder.
struct MushroomWebSocketHandlerTests {
    @Test(arguments: [WebSocketRole.client, .server])
    func whatQueuedUpIsWrittenInOrderInOneBufferMaskedOnlyByTheClient(role: WebSocketRole) throws {
        let socket = try Socket(role: role)
        let messages: [Message] = [.notification(.init(id: 0, method: "a")), .request(.init(id: 1, method: "b", data: [1, 2]))]
        socket.link.send(messages)
        #expect(try socket.written() == [])
        socket.channel.embeddedEventLoop.run()
        let (frames, writes) = try socket.writtenWithCount()
        #expect(writes == 1)
        #expect(frames.map(\.opcode) == [.text, .text])
        #expect(frames.allSatisfy { $0.fin && ($0.maskKey != nil) == (role == .client) })
        #expect(try frames.map { try Message(frame: Array($0.unmaskedData.readableBytesView)) } == messages)
    }

    /// The link hears of the end of a read once, after every text the read held.
    @Test(arguments: [WebSocketRole.client, .server])
    func theEndOfAReadComesOnceAfterAllItsTexts(role: WebSocketRole) throws {
        let socket = try Socket(role: role)
        try socket.receive([(.text, ByteBuffer(string: "a")), (.text, ByteBuffer(string: "b")), (.text, ByteBuffer(string: "c"))])
        try socket.receive(.text, "d")
        #expect(socket.link.texts == ["a", "b", "c", "d"])
        #expect(socket.link.completedReads == [3, 4])
    }

    @Test func socketsWokenTogetherEachWriteWhatTheirLinkHolds() throws {
        let sockets = try (0..<3).map { _ in try Socket(role: .server) }
        for (index, socket) in sockets.enumerated() {
            socket.link.queue([.notification(.init(id: 0, method: "m", data: .integer(Int64(index))))])
        }
        WebSocketSocket.wake(sockets.compactMap(\.link.socket))
        #expect(try sockets.allSatisfy { try $0.written().isEmpty })
        for socket in sockets { socket.channel.embeddedEventLoop.run() }
        for (index, socket) in sockets.enumerated() {
            let (frames, writes) = try socket.writtenWithCount()
            #expect(writes == 1)
            #expect(try frames.map { try Message(frame: Array($0.unmaskedData.readableBytesView)) } == [
                .notification(.init(id: 0, method: "m", data: .integer(Int64(index)))),
            ])
        }
    }

    /// Payloads of 125 and 126 bytes, and of 65,535 and 65,536, sit on either side of the frame
    /// header's one-, two- and eight-byte lengths.
    @Test(arguments: [WebSocketRole.client, .server], [0, 125, 126, 65_535, 65_536, 200_000])
    func framesOfEveryLengthDecodeWithNIOsDecoder(role: WebSocketRole, payloadSize: Int) throws {
        let overhead = Message.notification(.init(id: 7, method: "m", data: "")).frame.count
        let message = Message.notification(.init(id: 7, method: "m", data: .string(String(repeating: "x", count: max(0, payloadSize - overhead)))))
        let socket = try Socket(role: role)
        socket.link.send([message, .heartbeat(.init(lastMessageID: 3))])
        socket.channel.embeddedEventLoop.run()
        let messages = try socket.written().map { try Message(frame: Array($0.unmaskedData.readableBytesView)) }
        #expect(messages == [message, .heartbeat(.init(lastMessageID: 3))])
    }

    @Test(arguments: [WebSocketRole.client, .server])
    func textGoesToTheLinkAndAPingIsAnsweredWithItsData(role: WebSocketRole) throws {
        let socket = try Socket(role: role)
        try socket.receive(.text, "[0,null]")
        try socket.receive(.ping, "are you there")
        #expect(socket.link.texts == ["[0,null]"])
        let pong = try #require(try socket.written().first)
        #expect(pong.opcode == .pong && pong.unmaskedData == ByteBuffer(string: "are you there"))
    }

    @Test func aBinaryFrameIsRejected() throws {
        let socket = try Socket(role: .server)
        try socket.receive(.binary, "[0,null]")
        #expect(socket.link.texts.isEmpty)
        #expect(socket.link.rejections == ["binary WebSocket frame of 8 bytes ignored: mushroom messages travel in text frames"])
    }

    @Test(arguments: [WebSocketRole.client, .server])
    func aCloseIsAnsweredWithTheSameCodeAndNothingIsWrittenAfterIt(role: WebSocketRole) throws {
        let socket = try Socket(role: role)
        var payload = ByteBuffer()
        payload.write(webSocketErrorCode: .goingAway)
        try socket.receive(.connectionClose, payload)
        socket.link.send([.notification(.init(id: 0, method: "late"))])
        socket.channel.embeddedEventLoop.run()
        let frames = try socket.written()
        #expect(frames.map(\.opcode) == [.connectionClose])
        var answer = try #require(frames.first).unmaskedData
        #expect(answer.readWebSocketErrorCode() == .goingAway)
        #expect(socket.link.closures == ["closedByPeer(Optional(NIOWebSocket.WebSocketErrorCode.goingAway))"])
        #expect(!socket.channel.isActive)
    }

    @Test func aServerClosesWith1002AtAnUnmaskedClientFrame() throws {
        let socket = try Socket(role: .server)
        try socket.channel.writeInbound(ByteBuffer(bytes: [0x81, 0x08] + Array("[0,null]".utf8)))
        let close = try #require(try socket.written().first)
        var code = close.unmaskedData
        #expect(close.opcode == .connectionClose && code.readWebSocketErrorCode() == .protocolError)
        #expect(socket.link.texts.isEmpty)
        #expect(!socket.channel.isActive)
    }

    @Test func aServerClosesWith1007AtATextFrameThatIsNotUTF8() throws {
        let socket = try Socket(role: .server)
        try socket.receive(.text, ByteBuffer(bytes: [0x22, 0xFF, 0x22]))
        var code = try #require(try socket.written().first).unmaskedData
        #expect(code.readWebSocketErrorCode() == .dataInconsistentWithMessage)
        #expect(socket.link.texts.isEmpty)
    }

    @Test func aLongCloseReasonIsCutAtACharacterBoundary() throws {
        let reason = String(repeating: "é", count: 100)  // 200 bytes
        let cut = MushroomWebSocketHandler.closeReason(reason)
        #expect(cut.utf8.count == 122)
        #expect(cut == String(repeating: "é", count: 61))
        #expect(MushroomWebSocketHandler.closeReason("short") == "short")
        let socket = try Socket(role: .server)
        socket.link.socket?.close(.policyViolation, reason: reason)
        socket.channel.embeddedEventLoop.run()
        var payload = try #require(try socket.written().first).unmaskedData
        #expect(payload.readWebSocketErrorCode() == .policyViolation)
        #expect(payload.readString(length: payload.readableBytes) == String(cut))
    }

    @Test func aCloseTheLinkAsksForWaitsForThePeersAnswer() throws {
        let socket = try Socket(role: .server)
        socket.link.send([.notification(.init(id: 0, method: "last"))])
        socket.link.socket?.close(.policyViolation, reason: "slow consumer")
        socket.channel.embeddedEventLoop.run()
        let frames = try socket.written()
        #expect(frames.map(\.opcode) == [.text, .connectionClose])
        #expect(socket.channel.isActive)
        var payload = ByteBuffer()
        payload.write(webSocketErrorCode: .policyViolation)
        try socket.receive(.connectionClose, payload)
        #expect(!socket.channel.isActive)
        #expect(socket.link.closures == [#"closedHere(NIOWebSocket.WebSocketErrorCode.policyViolation, reason: "slow consumer")"#])
    }
}

/// A link that records what the handler hands it.
final class RecordingLink: WebSocketLink {
    private var outbox: [Message] = []
    private(set) var socket: WebSocketSocket?
    private(set) var texts: [String] = []
    private(set) var rejections: [String] = []
    private(set) var closures: [String] = []
    /// How many texts had arrived at each `readComplete()`.
    private(set) var completedReads: [Int] = []

    func send(_ messages: [Message]) {
        queue(messages)
        socket?.wake()
    }

    /// Queues `messages` without waking the socket.
    func queue(_ messages: [Message]) {
        outbox += messages
    }

    func open(_ socket: WebSocketSocket) { self.socket = socket }
    func takeOutbound() -> [Message] {
        defer { outbox = [] }
        return outbox
    }
    func receive(text: ByteBufferView) -> WebSocketVerdict {
        texts.append(String(decoding: text, as: UTF8.self))
        return .proceed
    }
    func readComplete() { completedReads.append(texts.count) }
    func reject(_ description: String) -> WebSocketVerdict {
        rejections.append(description)
        return .proceed
    }
    func closed(_ closure: WebSocketClosure) { closures.append("\(closure)") }
}

/// A started handler of `role` in the shared pipeline on an embedded channel.
struct Socket {
    let role: WebSocketRole
    let channel = EmbeddedChannel()
    let link = RecordingLink()
    private let decoder = EmbeddedChannel(handler: ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: 1 << 20)))

    init(role: WebSocketRole, keepalive: TimeAmount? = nil) throws {
        self.role = role
        let handler = MushroomWebSocketHandler(role: role, link: link, validatesUTF8: true)
        try channel.pipeline.syncOperations.addMushroomWebSocketHandlers(handler, maximumMessageSize: 1 << 20, keepalive: keepalive)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        handler.start()
    }

    /// Sends one frame as the peer would (masked towards a server).
    func receive(_ opcode: WebSocketOpcode, _ payload: String) throws {
        try receive(opcode, ByteBuffer(string: payload))
    }

    func receive(_ opcode: WebSocketOpcode, _ payload: ByteBuffer) throws {
        try receive([(opcode, payload)])
    }

    /// Sends frames as the peer would, all in one read.
    func receive(_ frames: [(WebSocketOpcode, ByteBuffer)]) throws {
        let peer = WebSocketFrameSerializer(role: role == .server ? .client : .server)
        var read = channel.allocator.buffer(capacity: 256)
        for (opcode, payload) in frames {
            var frame = peer.frame(opcode, payload: payload.readableBytesView, allocator: channel.allocator)
            read.writeBuffer(&frame)
        }
        try channel.writeInbound(read)
    }

    /// The frames written so far.
    func written() throws -> [WebSocketFrame] { try writtenWithCount().frames }

    /// The frames written so far, and how many buffers they came in.
    func writtenWithCount() throws -> (frames: [WebSocketFrame], writes: Int) {
        var writes = 0
        while let bytes = try channel.readOutbound(as: ByteBuffer.self) {
            try decoder.writeInbound(bytes)
            writes += 1
        }
        var frames: [WebSocketFrame] = []
        while let frame = try decoder.readInbound(as: WebSocketFrame.self) { frames.append(frame) }
        return (frames, writes)
    }
}
