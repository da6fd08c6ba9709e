import NIOCore
import NIOHTTPTypes

/// In each HTTP/1 connection's pipeline, between the decoded request parts and Hummingbird's
/// request handling: tells the `ConnectionGate` when a connection is in use and when it is idle.
final class RequestActivityTracker: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart

    private let gate: ConnectionGate

    init(gate: ConnectionGate) {
        self.gate = gate
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { gate.requestStarted(on: context.channel) }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { gate.responseEnded(on: context.channel) }
        context.write(data, promise: promise)
    }
}
