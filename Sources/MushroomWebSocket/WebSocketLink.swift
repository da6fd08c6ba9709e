import MushroomRPC
import NIOCore
import NIOWebSocket

/// What one side plugs into a `MushroomWebSocketHandler`: the engine behind the socket and the
/// rules that differ between client and server. Every call comes on the channel's event loop.
public protocol WebSocketLink: AnyObject {
    /// The socket is open: attach to the engine, which calls `socket.wake()` whenever outbound
    /// messages are waiting; `socket` can also close the socket, from any thread.
    func open(_ socket: WebSocketSocket)
    /// The outbound messages queued since the last call, oldest first.
    func takeOutbound() -> [Message]
    /// A text message arrived (its UTF-8 payload, not yet parsed); its notifications may wait for
    /// `readComplete()`.
    func receive(text: ByteBufferView) -> WebSocketVerdict
    /// The messages of one socket read have all arrived: hand their notifications on.
    func readComplete()
    /// A frame arrived that carries no mushroom message; `description` says what it was.
    func reject(_ description: String) -> WebSocketVerdict
    /// The socket is done (called once): the link detaches from the engine.
    func closed(_ closure: WebSocketClosure)
}

/// What the handler does after a link has taken an inbound message.
public enum WebSocketVerdict: Sendable {
    /// Go on reading.
    case proceed
    /// Send a close frame with this code and reason, then close once the peer answers.
    case close(WebSocketErrorCode, reason: String)
    /// Close the connection without a close frame (the peer said Disconnect).
    case closeConnection
}

/// How a socket ended, as its link hears it.
public enum WebSocketClosure: Sendable {
    /// The peer sent a close frame, with its code when it carried one.
    case closedByPeer(WebSocketErrorCode?)
    /// The connection ended without a close frame from the peer.
    case connectionEnded
    /// This side sent a close frame with this code and reason.
    case closedHere(WebSocketErrorCode, reason: String)
    /// The connection failed (no answer to a keepalive ping, a socket error).
    case failed(any Error)
}
