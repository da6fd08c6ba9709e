import NIOCore
import NIOHTTP1

/// Put before the HTTP/1 handlers of a connection whose upgrade was refused: hands them the
/// request head NIO's upgrade handler kept (it passes on only the parts after the head of an
/// upgrade it tried), so that the responder answers the request, then leaves the pipeline.
final class RefusedUpgradeReplay: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    private let head: HTTPRequestHead

    init(head: HTTPRequestHead) {
        self.head = head
    }

    func handlerAdded(context: ChannelHandlerContext) {
        context.fireChannelRead(wrapInboundOut(.head(head)))
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}
