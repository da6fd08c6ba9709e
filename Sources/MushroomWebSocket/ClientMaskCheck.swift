import NIOCore
import NIOWebSocket

/// In a server's WebSocket pipeline, between NIO's frame decoder (which accepts either) and the
/// aggregator (which drops the masking keys of the fragments it joins): a client frame that is not
/// masked is reported as `UnmaskedClientFrame`, which `MushroomWebSocketHandler` answers with 1002
/// (RFC 6455 5.1); nothing after it is passed on.
final class ClientMaskCheck: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = WebSocketFrame

    private var refused = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        guard unwrapInboundIn(data).maskKey != nil else {
            refused = true
            context.fireErrorCaught(UnmaskedClientFrame())
            return
        }
        context.fireChannelRead(data)
    }
}

/// A client sent a frame that is not masked.
struct UnmaskedClientFrame: Error, CustomStringConvertible {
    var description: String { "a client frame is not masked" }
}
