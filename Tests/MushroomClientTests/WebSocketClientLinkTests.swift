@testable import MushroomClient
import MushroomRPC
import MushroomWebSocket
import NIOCore
import NIOEmbedded
import NIOWebSocket
import Testing

/// The client's link behind the shared WebSocket handler, on an embedded channel.
struct WebSocketClientLinkTests {
    @Test func aTextFrameThatIsNotUTF8IsAProtocolErrorAndTheNextFrameIsStillHandled() async throws {
        let socket = try EmbeddedSocket()
        let events = socket.engine.events()
        try socket.channel.writeInbound(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: Array(#"[1, 0, "bad", ""#.utf8) + [0xFF, 0x22, 0x5D])))
        try socket.channel.writeInbound(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: #"[1, 0, "good", null]"#)))
        var kinds: [String] = []
        for await event in events {
            switch event.kind {
            case .protocolError(let text): kinds.append("error: \(text)")
            case .messageReceived(let message): kinds.append("received: \(message)")
            default: continue
            }
            if kinds.count == 2 { break }
        }
        #expect(kinds == [
            #"error: not JSON: invalid UTF-8 in string at byte 15"#,
            #"received: [1,0,"good",null]"#,
        ])
        #expect(socket.channel.isActive)
    }

    @Test func aPingIsAnsweredWithAPongCarryingItsData() throws {
        let socket = try EmbeddedSocket()
        try socket.channel.writeInbound(WebSocketFrame(fin: true, opcode: .ping, data: ByteBuffer(string: "are you there")))
        let written = try #require(try socket.channel.readOutbound(as: ByteBuffer.self))
        let decoder = EmbeddedChannel(handler: ByteToMessageHandler(WebSocketFrameDecoder()))
        try decoder.writeInbound(written)
        let pong = try #require(try decoder.readInbound(as: WebSocketFrame.self))
        #expect(pong.opcode == .pong && pong.maskKey != nil)
        #expect(pong.unmaskedData == ByteBuffer(string: "are you there"))
    }
}

/// A started client-role `MushroomWebSocketHandler` with a `WebSocketClientLink`, on an embedded
/// channel, with its engine.
private struct EmbeddedSocket {
    let channel = EmbeddedChannel()
    let engine = Engine()

    init() throws {
        let link = ConnectionLink(engine: engine) {}
        let ended = channel.embeddedEventLoop.makePromise(of: ConnectionEnd.self)
        let handler = MushroomWebSocketHandler(
            role: .client, link: WebSocketClientLink(link: link, ended: ended), validatesUTF8: false)
        try channel.pipeline.syncOperations.addHandler(handler)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        handler.start()
    }
}
