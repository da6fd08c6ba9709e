import NIOCore
import NIOWebSocket

/// Keepalive for a WebSocket of either role, between the aggregator and the handler that reads
/// messages: a ping goes out every `interval`, and a ping still unanswered at the next tick fires
/// `KeepaliveTimeout` down the pipeline and closes the connection (dead-connection detection).
/// Every frame passes on, pongs included. The pings stop once a close frame was sent
/// (`WebSocketCloseSent`): no frame may follow it (RFC 6455 5.5.1).
public final class WebSocketKeepalive: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = WebSocketFrame
    public typealias InboundOut = WebSocketFrame
    public typealias OutboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    private let serializer: WebSocketFrameSerializer
    private let interval: TimeAmount
    private var ticks: RepeatedTask?
    private var awaitingPong = false

    public init(role: WebSocketRole, interval: TimeAmount) {
        self.serializer = WebSocketFrameSerializer(role: role)
        self.interval = interval
    }

    public func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startTicking(context) }
    }

    public func channelActive(context: ChannelHandlerContext) {
        startTicking(context)
        context.fireChannelActive()
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        stopTicking()
    }

    public func channelInactive(context: ChannelHandlerContext) {
        stopTicking()
        context.fireChannelInactive()
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if unwrapInboundIn(data).opcode == .pong { awaitingPong = false }
        context.fireChannelRead(data)
    }

    public func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard event is WebSocketCloseSent else {
            return context.triggerUserOutboundEvent(event, promise: promise)
        }
        stopTicking()
        promise?.succeed()
    }

    private func startTicking(_ context: ChannelHandlerContext) {
        guard ticks == nil else { return }
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        ticks = context.eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
            let (keepalive, context) = bound.value
            keepalive.tick(context)
        }
    }

    private func stopTicking() {
        ticks?.cancel()
        ticks = nil
    }

    private func tick(_ context: ChannelHandlerContext) {
        guard !awaitingPong else {
            stopTicking()
            context.fireErrorCaught(KeepaliveTimeout(interval: interval))
            context.close(promise: nil)
            return
        }
        awaitingPong = true
        let ping = serializer.frame(.ping, payload: EmptyCollection(), allocator: context.channel.allocator)
        context.writeAndFlush(wrapOutboundOut(ping), promise: nil)
    }
}

/// Sent down the pipeline (an outbound user event) by the handler that wrote a close frame.
public struct WebSocketCloseSent: Sendable {
    public init() {}
}

/// A keepalive ping went unanswered for a whole interval.
public struct KeepaliveTimeout: Error, CustomStringConvertible {
    public let interval: TimeAmount
    public var description: String { "no answer to a WebSocket ping within \(interval.nanoseconds / 1_000_000) ms" }
}
