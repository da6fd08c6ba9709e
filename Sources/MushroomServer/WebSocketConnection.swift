import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import Logging
import MushroomRPC

/// One WebSocket on a session: inbound text (or binary) messages go to the engine, the engine's
/// outbound messages go out one per text frame through a `BatchedFrameWriter`. Attaching
/// retransmits the unacknowledged buffer; when the socket closes, the session waits for a
/// reconnection (see `SessionList`).
struct WebSocketConnection: Sendable {
    let session: Session
    let sessions: SessionList
    let configuration: MushroomServerConfiguration

    /// Runs the socket until the client closes it, the session ends or the client sends too many
    /// malformed messages in a row; `channel` is the socket's, written to directly.
    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, channel: any Channel) async {
        let writer = BatchedFrameWriter(channel: channel)
        // Yields the close to send when the reader ends the socket; finished without one when the
        // session ends it (or is done with it).
        let (closes, close) = AsyncStream<(WebSocketErrorCode, String)>.makeStream(bufferingPolicy: .bufferingOldest(1))
        let token = session.attachWebSocket(writer: writer.enqueue, finish: { close.finish() })
        guard let token else {
            try? await outbound.close(.goingAway, reason: "session \(session.id) has ended")
            return
        }
        // A resumed socket always carries a message first, a Heartbeat acknowledging what the
        // session has received: a socket closed before any message is how the reference server
        // refuses a session it forgot, and a client that sees one asks the server whether the
        // session still exists. The greeting spares a quiet session's client that question.
        if session.hasResumedWebSocket {
            writer.enqueue(session.engine.takeHeartbeat())
        }
        let session = self.session
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                let (code, text) = await closes.first { _ in true } ?? Self.closing(session.end)
                writer.finish()
                try? await outbound.close(code, reason: text)
            }
            if let malformed = await read(inbound) {
                close.yield((.protocolError, malformed))
            }
            close.finish()
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
