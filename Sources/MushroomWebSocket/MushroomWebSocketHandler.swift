import MushroomRPC
import NIOCore
import NIOWebSocket

/// The mushroom end of an upgraded WebSocket, for either role, last in the pipeline and run on its
/// event loop: text frames go to the link (and so to the engine) on the event loop that read them,
/// a binary frame is rejected, pings are answered, a close frame is answered with the same code
/// (RFC 6455 5.5.1), and the link's outbound messages are written as text frames, whatever queued
/// up meanwhile in one buffer and one flush. It is also the pipeline's frame encoder (see
/// `WebSocketFrameSerializer`). A frame that breaks RFC 6455, as NIO's decoder, NIO's aggregator
/// or the server's mask check reports it, or a text frame that is not UTF-8 (when `validatesUTF8`),
/// is answered with a close frame with the code the RFC names, and the connection is closed.
///
/// What differs between client and server is the link's (`WebSocketLink`).
public final class MushroomWebSocketHandler: ChannelInboundHandler, RemovableChannelHandler {
    public typealias InboundIn = WebSocketFrame
    public typealias OutboundOut = ByteBuffer

    private enum State {
        /// In the pipeline, not started: messages are read, nothing is written.
        case added
        case open
        /// A close frame was sent; the peer's answer closes the connection, or the timer does.
        case closing(Scheduled<Void>?)
        case closed
    }

    let role: WebSocketRole
    private let serializer: WebSocketFrameSerializer
    private let link: any WebSocketLink
    private let validatesUTF8: Bool
    private let closeTimeout: TimeAmount
    private var context: ChannelHandlerContext?
    private var state = State.added
    private var hasEnded = false

    /// - Parameters:
    ///   - validatesUTF8: whether a text frame that is not UTF-8 closes the socket with 1007.
    ///   - closeTimeout: how long a close frame sent waits for the peer's answer.
    public init(role: WebSocketRole, link: any WebSocketLink, validatesUTF8: Bool, closeTimeout: TimeAmount = .seconds(5)) {
        self.role = role
        self.serializer = WebSocketFrameSerializer(role: role)
        self.link = link
        self.validatesUTF8 = validatesUTF8
        self.closeTimeout = closeTimeout
    }

    public func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        stop()
        self.context = nil
    }

    /// Opens the link once the upgrade is complete (until then a write would meet the HTTP handlers).
    public func start() {
        guard case .added = state, let context else { return }
        state = .open
        link.open(WebSocketSocket(handler: NIOLoopBound(self, eventLoop: context.eventLoop)))
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch state {
        case .closed:
            return
        case .closing:
            // The peer's answer completes the close handshake; anything else is not read any more.
            if frame.opcode == .connectionClose { context.close(promise: nil) }
            return
        case .added, .open:
            break
        }
        switch frame.opcode {
        case .text:
            let payload = frame.unmaskedData
            guard !validatesUTF8 || Self.isUTF8(payload.readableBytesView) else {
                return refuse(.dataInconsistentWithMessage, reason: "a text frame is not UTF-8")
            }
            apply(link.receive(text: payload.readableBytesView))
        case .binary:
            apply(link.reject("binary WebSocket frame of \(frame.length) bytes ignored: mushroom messages travel in text frames"))
        case .ping:
            let pong = serializer.frame(.pong, payload: frame.unmaskedData.readableBytesView, allocator: context.channel.allocator)
            context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
        case .connectionClose:
            var payload = frame.unmaskedData
            let code = payload.readWebSocketErrorCode()
            end(.closedByPeer(code))
            sendClose(code, reason: "", awaitingAnswer: false)
        default:
            break
        }
    }

    public func channelReadComplete(context: ChannelHandlerContext) {
        link.readComplete()
        context.fireChannelReadComplete()
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let violation = WebSocketViolation(error) {
            refuse(violation.code, reason: violation.reason)
        } else {
            end(.failed(error))
            state = .closed
            context.close(promise: nil)
        }
    }

    public func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    /// Writes the link's outbound messages, as text frames in one buffer and one flush.
    func writeOutbound() {
        guard case .open = state, let context else { return }
        let frames = link.takeOutbound().map(\.frame)
        guard !frames.isEmpty else { return }
        let size = frames.reduce(0) { $0 + WebSocketFrameSerializer.maximumHeaderSize + $1.count }
        var buffer = context.channel.allocator.buffer(capacity: size)
        for frame in frames { serializer.append(.text, payload: frame, to: &buffer) }
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    /// Writes what is still waiting, then a close frame with `code` and `reason`; the connection
    /// closes when the peer answers, or `closeTimeout` later.
    func close(_ code: WebSocketErrorCode, reason: String) {
        guard case .open = state else { return }
        writeOutbound()
        end(.closedHere(code, reason: reason))
        sendClose(code, reason: reason, awaitingAnswer: true)
    }

    private func apply(_ verdict: WebSocketVerdict) {
        switch verdict {
        case .proceed:
            break
        case .close(let code, let reason):
            close(code, reason: reason)
        case .closeConnection:
            end(.connectionEnded)
            state = .closed
            context?.close(promise: nil)
        }
    }

    /// Answers a frame that breaks the protocol: a close frame, then the connection closes (the
    /// decoder may not read any further).
    private func refuse(_ code: WebSocketErrorCode, reason: String) {
        switch state {
        case .added, .open: break
        case .closing, .closed: return
        }
        end(.closedHere(code, reason: reason))
        sendClose(code, reason: reason, awaitingAnswer: false)
    }

    private func sendClose(_ code: WebSocketErrorCode?, reason: String, awaitingAnswer: Bool) {
        guard let context else { return }
        let channel = context.channel
        var payload = channel.allocator.buffer(capacity: 125)
        if let code {
            payload.write(webSocketErrorCode: code)
            payload.writeSubstring(Self.closeReason(reason))
        }
        let written = context.writeAndFlush(
            wrapOutboundOut(serializer.frame(.connectionClose, payload: payload.readableBytesView, allocator: channel.allocator)))
        context.triggerUserOutboundEvent(WebSocketCloseSent(), promise: nil)
        if awaitingAnswer {
            state = .closing(context.eventLoop.scheduleTask(in: closeTimeout) { channel.close(promise: nil) })
        } else {
            state = .closing(nil)
            written.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    /// `reason` cut to the 123 bytes a close frame has room for (a control frame carries at most
    /// 125), at a character boundary so that it stays UTF-8.
    static func closeReason(_ reason: String) -> Substring {
        var bytes = 0
        var end = reason.startIndex
        for character in reason {
            bytes += character.utf8.count
            guard bytes <= 123 else { break }
            end = reason.index(after: end)
        }
        return reason[..<end]
    }

    /// The connection has gone: the link hears it, unless it heard how the socket ended already.
    private func stop() {
        if case .closing(let timer) = state { timer?.cancel() }
        state = .closed
        end(.connectionEnded)
    }

    /// Tells the link how the socket ended, once (the first reason wins).
    private func end(_ closure: WebSocketClosure) {
        guard !hasEnded else { return }
        hasEnded = true
        link.readComplete()
        link.closed(closure)
    }

    private static func isUTF8(_ bytes: ByteBufferView) -> Bool {
        bytes.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 < 0x80 } || String(validating: bytes, as: UTF8.self) != nil
        } ?? (String(validating: bytes, as: UTF8.self) != nil)
    }
}
