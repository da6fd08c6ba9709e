import MushroomRPC
import MushroomWebSocket
import NIOCore
import NIOWebSocket

/// The client's link to the shared `MushroomWebSocketHandler`, and the one place the WebSocket
/// transport calls the engine: frames go to the engine through the `ConnectionLink`, the engine's
/// outbound messages come out of its `EngineConnection` on the event loop, a Disconnect sent
/// closes the socket once written, one received closes it at
/// once. `ended` completes with how the connection ended (the first reason wins).
final class WebSocketClientLink: WebSocketLink {
    private let link: ConnectionLink
    private let ended: EventLoopPromise<ConnectionEnd>
    private var socket: WebSocketSocket?
    private var connection: EngineConnection?
    private var receivedAny = false
    private var end: ConnectionEnd?

    init(link: ConnectionLink, ended: EventLoopPromise<ConnectionEnd>) {
        self.link = link
        self.ended = ended
    }

    /// Attaches the engine, which retransmits what the server has not acknowledged.
    func open(_ socket: WebSocketSocket) {
        guard end == nil else { return }
        self.socket = socket
        connection = link.engine.attach(wake: { _ in socket.wake() })
        link.opened()
    }

    func takeOutbound() -> [Message] {
        let batch = connection?.takeAllOutbound() ?? []
        guard let disconnect = batch.firstIndex(of: .disconnect) else { return batch }
        // Nothing follows a Disconnect: the socket closes once it is written.
        finish(.clientDisconnected)
        socket?.close(.normalClosure, reason: "")
        return Array(batch[...disconnect])
    }

    func receive(text: ByteBufferView) -> WebSocketVerdict {
        guard end == nil else { return .proceed }  // closing: the rest of the read is not ours any more
        receivedAny = true
        guard link.receive(frame: text, heldUntilEndOfRead: true) else { return .proceed }
        finish(.peerDisconnected)
        return .closeConnection
    }

    func readComplete() {
        link.engine.endOfRead()
    }

    func reject(_ description: String) -> WebSocketVerdict {
        receivedAny = true
        link.engine.reportProtocolViolation(description)
        return .proceed
    }

    func closed(_ closure: WebSocketClosure) {
        switch closure {
        case .closedByPeer(let code): finish(closedByServer(code: code))
        case .connectionEnded: finish(closedByServer())
        case .closedHere(_, let reason): finish(.closed(reason: "the WebSocket failed: \(reason)"))
        case .failed(let error): finish(.closed(reason: "the WebSocket failed: \(error)"))
        }
    }

    /// How the exchange ends when the server closes the socket, with a close frame's `code` or
    /// without one. Before any message that is `closedBeforeAnyMessage`, which the transport
    /// tells apart from a refused session by asking the server.
    private func closedByServer(code: WebSocketErrorCode? = nil) -> ConnectionEnd {
        guard receivedAny else { return .closedBeforeAnyMessage }
        let detail = code.map { " (close code \(UInt16(webSocketErrorCode: $0)))" } ?? ""
        return .closed(reason: "the server closed the WebSocket\(detail)")
    }

    /// Records how the exchange ended (the first reason wins) and detaches the engine, which keeps
    /// what is unacknowledged for the next socket.
    private func finish(_ end: ConnectionEnd) {
        guard self.end == nil else { return }
        self.end = end
        if let connection { link.engine.detach(connection) }
        ended.succeed(end)
    }
}
