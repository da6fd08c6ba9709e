import Logging
import MushroomRPC
import NIOCore
import NIOWebSocket
import Synchronization
import WSClient

/// The WebSocket transport: one message per text frame, pings as keepalive, a missing pong closes
/// the connection (dead-connection detection). Acknowledgements are the engine's (batched policy).
struct WebSocketTransport: ClientTransport {
    let configuration: ClientConfiguration

    func run(sessionURL: String, link: ConnectionLink) async throws -> ConnectionEnd {
        var webSocketConfiguration = WebSocketClientConfiguration(
            maxFrameSize: configuration.maximumFrameSize,
            closeTimeout: min(configuration.connectTimeout, .seconds(2)),
            autoPing: .enabled(timePeriod: configuration.deadConnectionInterval / 2)
        )
        webSocketConfiguration.validateUTF8 = true
        let maximumFrameSize = configuration.maximumFrameSize
        let ending = EndingBox()
        let logger = configuration.logger
        let settings = webSocketConfiguration
        let race = UpgradeRace()
        let closeFrame: WebSocketCloseFrame?
        do {
            closeFrame = try await race.run(timeout: configuration.connectTimeout) {
                try await WebSocketClient.connect(url: sessionURL, configuration: settings, logger: logger) { inbound, outbound, _ in
                    guard race.upgrade() else { return }
                    let end = try await Self.exchange(inbound: inbound, outbound: outbound, link: link, maximumFrameSize: maximumFrameSize)
                    ending.set(end)
                }
            }
        } catch let error as WebSocketClientError where error == .webSocketUpgradeFailed {
            throw SessionNotFound(url: sessionURL)
        }
        if let end = ending.value {
            if end == .closedBeforeAnyMessage, await sessionIsUnknown(sessionURL) { throw SessionNotFound(url: sessionURL) }
            return end
        }
        let detail = closeFrame.map { "code \($0.closeCode)\($0.reason.map { ", \($0)" } ?? "")" } ?? "no close frame"
        return .closed(reason: "the WebSocket closed (\(detail))")
    }

    /// Whether the server answers `404` to a plain POST on the session URL. The reference server
    /// upgrades a WebSocket before it looks the session up, and closes a socket opened on a
    /// session it has ended before sending anything; a network can cut a socket just as early, and
    /// only the server can tell the two apart (a live WebSocket session answers `400`, or `500` on
    /// the reference server). No answer counts as a live session: the next attempt asks again.
    private func sessionIsUnknown(_ sessionURL: String) async -> Bool {
        let url = sessionURL.hasPrefix("ws") ? "http" + sessionURL.dropFirst(2) : sessionURL
        let answer = try? await HTTPPoster().post(url, body: [], timeout: configuration.connectTimeout)
        return answer?.status == 404
    }

    /// Moves frames both ways until either side ends.
    private static func exchange(
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, link: ConnectionLink, maximumFrameSize: Int
    ) async throws -> ConnectionEnd {
        try await link.exchange { queue in
            while let batch = await queue.next() {
                for message in batch {
                    try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: message.frame))))
                    if message == .disconnect { return .clientDisconnected }
                }
            }
            return .closed(reason: "the connection is closing")
        } receiving: {
            var receivedAny = false
            for try await frame in inbound.messages(maxSize: maximumFrameSize) {
                receivedAny = true
                switch frame {
                case .text(let text):
                    if link.receive(frame: text.utf8) { return .peerDisconnected }
                case .binary(let buffer):
                    link.engine.publish(.protocolError(
                        "binary WebSocket frame of \(buffer.readableBytes) bytes ignored: mushroom messages travel in text frames"))
                }
            }
            return receivedAny ? .closed(reason: "the server closed the WebSocket") : .closedBeforeAnyMessage
        }
    }
}

/// How the WebSocket handler ended, handed out of WSClient's closure.
private final class EndingBox: Sendable {
    private let storage = Mutex<ConnectionEnd?>(nil)
    func set(_ end: ConnectionEnd) { storage.withLock { $0 = end } }
    var value: ConnectionEnd? { storage.withLock { $0 } }
}
