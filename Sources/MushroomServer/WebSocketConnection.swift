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

    /// How the socket's close frame is sent.
    private enum Closing {
        /// This connection sends it.
        case send(WebSocketErrorCode, String)
        /// The WebSocket library sends it, with the code of the protocol error it threw.
        case byLibrary
    }

    /// Runs the socket until the client closes it, the session ends or the client sends too many
    /// malformed messages in a row; `channel` is the socket's, written to directly. Rethrows the
    /// WebSocket library's error for a frame that breaks RFC 6455 (a continuation without a start
    /// frame, a text frame that is not UTF-8), so that the library closes with its code (1002, 1007).
    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, channel: any Channel) async throws {
        let writer = BatchedFrameWriter(channel: channel)
        // Yields the close to send when the reader ends the socket; finished without one when the
        // session ends it (or is done with it).
        let (closes, close) = AsyncStream<Closing>.makeStream(bufferingPolicy: .bufferingOldest(1))
        let connection = session.attachWebSocket(wake: writer.wake, finish: { close.finish() })
        guard let connection else {
            try? await outbound.close(.goingAway, reason: "session \(session.id) has ended")
            return
        }
        sessions.opened(session)
        let session = self.session
        let failure = await withTaskGroup(of: Void.self) { group -> (any Error)? in
            group.addTask {
                let closing = await closes.first { _ in true } ?? Self.closing(session.end)
                writer.finish()
                if case .send(let code, let text) = closing { try? await outbound.close(code, reason: text) }
            }
            defer { close.finish() }
            switch await read(inbound) {
            case .ended:
                return nil
            case .malformed(let reason):
                close.yield(.send(.protocolError, reason))
                return nil
            case .failed(let error):
                close.yield(.byLibrary)
                return error
            }
        }
        sessions.webSocketClosed(session, connection: connection)
        if let failure { throw failure }
    }

    /// How reading a socket ended.
    private enum ReadEnd {
        /// The client closed the socket or disconnected, or the session ended.
        case ended
        /// Too many malformed messages in a row; the close reason.
        case malformed(String)
        /// The socket failed: a frame broke RFC 6455 or the connection broke.
        case failed(any Error)
    }

    /// Feeds inbound messages to the engine until the socket closes, the client disconnects or
    /// too many malformed messages arrive in a row.
    private func read(_ inbound: WebSocketInboundStream) async -> ReadEnd {
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
                        return .ended
                    }
                    malformedInARow = 0
                } catch {
                    malformedInARow += 1
                    if malformedInARow >= configuration.maximumMalformedInARow {
                        configuration.logger.warning("session \(session.id): closing the socket after \(malformedInARow) malformed messages in a row")
                        return .malformed("\(malformedInARow) malformed messages in a row")
                    }
                }
            }
        } catch {
            configuration.logger.debug("session \(session.id): socket ended: \(error)")
            return .failed(error)
        }
        return .ended
    }

    /// The close frame for a socket whose outbound stream finished.
    private static func closing(_ end: SessionEnd?) -> Closing {
        switch end {
        case nil: .send(.normalClosure, "replaced by a newer connection to the session")
        case .slowConsumer: .send(.policyViolation, end?.description ?? "")
        case .shutdown: .send(.goingAway, end?.description ?? "")
        case .some(let end): .send(.normalClosure, end.description)
        }
    }
}
