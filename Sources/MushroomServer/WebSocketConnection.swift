import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import Logging
import MushroomRPC

/// One WebSocket on a session: inbound text (or binary) messages go to the engine, the engine's
/// outbound messages go out one per text frame. Attaching retransmits the unacknowledged buffer;
/// when the socket closes, the session waits for a reconnection (see `SessionList`).
struct WebSocketConnection: Sendable {
    let session: Session
    let sessions: SessionList
    let configuration: MushroomServerConfiguration

    /// What the socket's writer does next.
    private enum Outbound: Sendable {
        case message(Message)
        case close(WebSocketErrorCode, String)
    }

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async {
        let (frames, continuation) = AsyncStream<Outbound>.makeStream()
        let token = session.attachWebSocket(
            writer: { continuation.yield(.message($0)) },
            finish: { continuation.finish() })
        guard let token else {
            try? await outbound.close(.goingAway, reason: "session \(session.id) has ended")
            return
        }
        // A resumed socket always carries a message first, a Heartbeat acknowledging what the
        // session has received: a socket closed before any message is how the reference server
        // refuses a session it forgot, and clients take two in a row as the end of the session.
        // Without the greeting, a quiet session's sockets cut twice by the network would look the
        // same, and the client would abandon a live session and what it was sent.
        if session.hasResumedWebSocket {
            continuation.yield(.message(session.engine.takeHeartbeat()))
        }
        let session = self.session
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await item in frames {
                    switch item {
                    case .message(let message):
                        // Under load the writer lags; a Heartbeat a newer queued one covers is skipped.
                        if session.engine.isSupersededHeartbeat(message) { continue }
                        try? await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: message.frame))))
                    case .close(let code, let reason):
                        try? await outbound.close(code, reason: reason)
                        return
                    }
                }
                let (code, reason) = Self.closing(session.end)
                try? await outbound.close(code, reason: reason)
            }
            if let malformed = await read(inbound) {
                continuation.yield(.close(.protocolError, malformed))
            }
            continuation.finish()
        }
        sessions.webSocketClosed(session, token: token)
    }

    /// Feeds inbound messages to the engine until the socket closes, the client disconnects or
    /// too many malformed messages arrive in a row (then returns the close reason).
    private func read(_ inbound: WebSocketInboundStream) async -> String? {
        var malformedInARow = 0
        do {
            for try await message in inbound.messages(maxSize: configuration.maximumMessageSize) {
                let bytes: [UInt8] = switch message {
                case .text(let text): Array(text.utf8)
                case .binary(let buffer): Array(buffer.readableBytesView)
                }
                do {
                    if try session.engine.receive(frame: bytes) == .disconnect {
                        sessions.end(session, .clientLeft)
                        return nil
                    }
                    malformedInARow = 0
                } catch {
                    malformedInARow += 1
                    if malformedInARow >= configuration.maximumMalformedInARow {
                        configuration.logger.warning("session \(session.id): closing the socket after \(malformedInARow) malformed messages in a row")
                        return "\(malformedInARow) malformed messages in a row"
                    }
                }
            }
        } catch {
            configuration.logger.debug("session \(session.id): socket ended: \(error)")
        }
        return nil
    }

    /// The close frame for a socket whose outbound stream finished.
    private static func closing(_ end: SessionEnd?) -> (WebSocketErrorCode, String) {
        switch end {
        case nil: (.normalClosure, "replaced by a newer connection to the session")
        case .slowConsumer: (.policyViolation, end?.description ?? "")
        case .shutdown: (.goingAway, end?.description ?? "")
        case .some(let end): (.normalClosure, end.description)
        }
    }
}
