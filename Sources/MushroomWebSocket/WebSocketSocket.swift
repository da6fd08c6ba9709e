import NIOCore
import NIOWebSocket

/// A link's handle on its socket, usable from any thread: each call is run on the channel's
/// event loop, after whatever was submitted to it before (so a close follows the writes woken
/// before it).
public struct WebSocketSocket: Sendable {
    let handler: NIOLoopBound<MushroomWebSocketHandler>

    /// Outbound messages are waiting: the handler takes them (`WebSocketLink.takeOutbound`) and
    /// writes whatever queued up meanwhile in one buffer and one flush.
    public func wake() {
        let handler = handler
        handler.eventLoop.execute { handler.value.writeOutbound() }
    }

    /// Wakes every socket of `sockets` as `wake()` does, with one task per event loop for all of
    /// its sockets instead of one per socket: what a broadcast to thousands of sockets calls.
    public static func wake(_ sockets: [WebSocketSocket]) {
        var byLoop: [ObjectIdentifier: (loop: any EventLoop, handlers: [NIOLoopBound<MushroomWebSocketHandler>])] = [:]
        for socket in sockets {
            let loop = socket.handler.eventLoop
            byLoop[ObjectIdentifier(loop), default: (loop, [])].handlers.append(socket.handler)
        }
        for (loop, handlers) in byLoop.values {
            loop.execute { for handler in handlers { handler.value.writeOutbound() } }
        }
    }

    /// Writes what is still waiting, then a close frame with `code` and `reason`; nothing is
    /// written after it.
    public func close(_ code: WebSocketErrorCode, reason: String) {
        let handler = handler
        handler.eventLoop.execute { handler.value.close(code, reason: reason) }
    }
}
