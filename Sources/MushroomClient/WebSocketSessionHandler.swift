import MushroomRPC
import NIOCore
import NIOWebSocket

/// The client's end of an upgraded WebSocket, last in the channel's pipeline and run on its
/// event loop: text frames go straight to the engine, pings are answered, a ping goes out every
/// `pingInterval` and one still unanswered at the next closes the socket (dead-connection
/// detection), and the engine's outbound messages are written as masked text frames, whatever
/// queued up meanwhile in one flush (of its Heartbeats only the last, as the server's writer does). `ended` completes when the socket has closed.
///
/// The WebSocket protocol itself (frame coding, masking, fragments, the size limit, protocol
/// errors answered with a close frame) is NIO's: `WebSocketFrameEncoder`, `WebSocketFrameDecoder`,
/// `NIOWebSocketFrameAggregator` and `WebSocketProtocolErrorHandler` sit before this handler.
final class WebSocketSessionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let ended: EventLoopPromise<ConnectionEnd>
    private let link: ConnectionLink
    private let pingInterval: TimeAmount
    /// The engine's messages, queued from any thread and written on the event loop.
    private let outbox = DrainQueue<Message>()
    private var context: ChannelHandlerContext?
    private var connection: EngineConnection?
    private var pinger: RepeatedTask?
    private var awaitingPong = false
    private var receivedAny = false
    private var end: ConnectionEnd?

    init(link: ConnectionLink, pingInterval: Duration, ended: EventLoopPromise<ConnectionEnd>) {
        self.link = link
        self.pingInterval = TimeAmount(pingInterval)
        self.ended = ended
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        finish(closedByServer())
        self.context = nil
    }

    /// Starts the exchange once the upgrade is complete (writes before would fail): attaches the
    /// engine, which retransmits what the server has not acknowledged, and starts the pings.
    func start() {
        guard let context, end == nil else { return }
        let eventLoop = context.eventLoop
        let handler = NIOLoopBound(self, eventLoop: eventLoop)
        let outbox = outbox
        connection = link.engine.attach(writer: { message in
            if outbox.push(message) { eventLoop.execute { handler.value.writeQueued() } }
        })
        link.opened()
        guard pingInterval > .zero else { return }
        pinger = eventLoop.scheduleRepeatedTask(initialDelay: pingInterval, delay: pingInterval) { _ in
            handler.value.ping()
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard end == nil else { return }  // closing: the rest of the read is not ours any more
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text:
            receivedAny = true
            if link.receive(frame: frame.unmaskedData.readableBytesView) { close(.peerDisconnected) }
        case .binary:
            receivedAny = true
            link.engine.reportProtocolViolation((
                "binary WebSocket frame of \(frame.length) bytes ignored: mushroom messages travel in text frames"))
        case .ping:
            write(WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(), data: frame.unmaskedData), flush: true)
        case .pong:
            awaitingPong = false
        case .connectionClose:
            // Answer with the same code, then close (RFC 6455 5.5.1).
            var data = frame.unmaskedData
            let code = data.readWebSocketErrorCode()
            closeAfterWriting(closedByServer(code: code), code: code)
        default:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(closedByServer())
        context.fireChannelInactive()
    }

    /// How the exchange ends when the server closes the socket, with a close frame's `code` or
    /// without one. Before any message that is `closedBeforeAnyMessage`, which the transport
    /// tells apart from a refused session by asking the server.
    private func closedByServer(code: WebSocketErrorCode? = nil) -> ConnectionEnd {
        guard receivedAny else { return .closedBeforeAnyMessage }
        let detail = code.map { " (close code \(UInt16(webSocketErrorCode: $0)))" } ?? ""
        return .closed(reason: "the server closed the WebSocket\(detail)")
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // NIO's WebSocketProtocolErrorHandler has already sent the close frame a protocol error calls for.
        close(.closed(reason: "the WebSocket failed: \(error)"))
    }

    private func writeQueued() {
        let batch = outbox.drain()
        // Nothing may follow a close frame; the engine keeps what is unacknowledged.
        guard !batch.isEmpty, end == nil, let context else { return }
        for message in Message.withoutCoveredHeartbeats(batch) {
            let payload = context.channel.allocator.buffer(bytes: message.frame)
            write(WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: payload), flush: false)
            if message == .disconnect {
                closeAfterWriting(.clientDisconnected, code: .normalClosure)
                return
            }
        }
        context.flush()
    }

    private func ping() {
        guard let context else { return }
        if awaitingPong {
            close(.closed(reason: "no answer to a WebSocket ping within \(pingInterval.nanoseconds / 1_000_000) ms"))
            return
        }
        awaitingPong = true
        let empty = context.channel.allocator.buffer(capacity: 0)
        write(WebSocketFrame(fin: true, opcode: .ping, maskKey: .random(), data: empty), flush: true)
    }

    private func write(_ frame: WebSocketFrame, flush: Bool) {
        guard let context else { return }
        if flush {
            context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
        } else {
            context.write(wrapOutboundOut(frame), promise: nil)
        }
    }

    /// Ends the exchange with `end`, sends a close frame with `code` and closes the socket once
    /// it is written.
    private func closeAfterWriting(_ end: ConnectionEnd, code: WebSocketErrorCode?) {
        guard let context else { return }
        finish(end)
        var body = context.channel.allocator.buffer(capacity: 2)
        if let code { body.write(webSocketErrorCode: code) }
        let closeFrame = WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: body)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(closeFrame)).whenComplete { _ in channel.close(promise: nil) }
    }

    /// Ends the exchange with `end` and closes the socket.
    private func close(_ end: ConnectionEnd) {
        finish(end)
        context?.close(promise: nil)
    }

    /// Records how the exchange ended (the first reason wins), detaches the engine (which keeps
    /// what is unacknowledged for the next socket) and stops the pings.
    private func finish(_ end: ConnectionEnd) {
        guard self.end == nil else { return }
        self.end = end
        outbox.close()
        if let connection { link.engine.detach(connection) }
        pinger?.cancel()
        ended.succeed(end)
    }
}
