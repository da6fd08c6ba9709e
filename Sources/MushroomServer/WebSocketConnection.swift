import MushroomRPC
import MushroomWebSocket
import NIOCore
import NIOWebSocket

/// One WebSocket on a session, as the server's link to the shared `MushroomWebSocketHandler`, and
/// the one place the server's WebSocket path calls the engine: inbound text messages go to the
/// engine, the engine's outbound messages come out of its `EngineConnection` on the event loop.
/// Attaching retransmits the unacknowledged buffer (after a Heartbeat on a resumed socket); the
/// socket closes with the code its `SessionEnd` calls for, or with 1002 after too many malformed
/// messages in a row; when it closes, the session waits for a reconnection (see `SessionList`).
final class WebSocketConnection: WebSocketLink {
    private let session: Session
    private let sessions: SessionList
    private let configuration: MushroomServerConfiguration
    private var connection: EngineConnection?
    private var malformedInARow = 0

    init(session: Session, sessions: SessionList, configuration: MushroomServerConfiguration) {
        self.session = session
        self.sessions = sessions
        self.configuration = configuration
    }

    func open(_ socket: WebSocketSocket) {
        let session = session
        connection = session.attachWebSocket(
            wake: { _ in BroadcastWakes.wake(socket) },
            finish: {
                let (code, reason) = Self.closing(session.end)
                socket.close(code, reason: reason)
            })
        guard connection != nil else {
            socket.close(.goingAway, reason: "session \(session.id) has ended")
            return
        }
        sessions.opened(session)
    }

    func takeOutbound() -> [Message] {
        connection?.takeAllOutbound() ?? []
    }

    func receive(text: ByteBufferView) -> WebSocketVerdict {
        do {
            if try session.engine.receive(frame: text, heldUntilEndOfRead: true) == .disconnect {
                sessions.end(session, .clientLeft)
            }
            malformedInARow = 0
            return .proceed
        } catch {
            return malformed()
        }
    }

    func readComplete() {
        session.engine.endOfRead()
    }

    func reject(_ description: String) -> WebSocketVerdict {
        session.engine.reportProtocolViolation(description)
        return malformed()
    }

    func closed(_ closure: WebSocketClosure) {
        configuration.logger.debug("session \(session.id): socket ended: \(closure)")
        if let connection { sessions.webSocketClosed(session, connection: connection) }
    }

    /// Counts a malformed message; too many in a row close the socket (the session lives on).
    private func malformed() -> WebSocketVerdict {
        malformedInARow += 1
        guard malformedInARow >= configuration.maximumMalformedInARow else { return .proceed }
        configuration.logger.warning("session \(session.id): closing the socket after \(malformedInARow) malformed messages in a row")
        return .close(.protocolError, reason: "\(malformedInARow) malformed messages in a row")
    }

    /// The close frame for a socket the session is done with: replaced by a newer one (`nil`), or ended.
    private static func closing(_ end: SessionEnd?) -> (WebSocketErrorCode, String) {
        switch end {
        case nil: (.normalClosure, "replaced by a newer connection to the session")
        case .slowConsumer: (.policyViolation, end?.description ?? "")
        case .shutdown: (.goingAway, end?.description ?? "")
        case .some(let end): (.normalClosure, end.description)
        }
    }
}
