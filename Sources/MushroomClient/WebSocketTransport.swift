import MushroomRPC
import MushroomWebSocket
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket
import Synchronization

/// The WebSocket transport: one message per text frame, pings as keepalive, a missing pong closes
/// the connection (dead-connection detection). Acknowledgements are the engine's (batched policy).
///
/// Built on NIO's HTTP upgrade with the shared WebSocket pipeline (`addMushroomWebSocketHandlers`:
/// a `WebSocketKeepalive`, and a `MushroomWebSocketHandler` with a `WebSocketClientLink` last), so
/// that frames reach the engine on the event loop that read them. (WSClient hands
/// frames to an async sequence; for a client receiving many small messages, that bridge, a task
/// switch per read and a `String` per message cost about a quarter of its CPU.)
struct WebSocketTransport: ClientTransport {
    let configuration: ClientConfiguration

    func run(session: Endpoint, link: ConnectionLink) async throws -> ConnectionEnd {
        let (channel, ended) = try await open(session, link: link)
        let end = try await withTaskCancellationHandler {
            try await ended.get()
        } onCancel: {
            channel.close(promise: nil)
        }
        if end == .closedBeforeAnyMessage, await sessionIsUnknown(session) { throw SessionNotFound(url: session.url) }
        return end
    }

    /// Connects and upgrades within the connect timeout; throws `SessionNotFound` when the server
    /// refuses the upgrade (it does not know the session).
    private func open(_ target: Endpoint, link: ConnectionLink) async throws -> (any Channel, EventLoopFuture<ConnectionEnd>) {
        let timeout = configuration.connectTimeout
        let sslContext = try target.scheme.usesTLS ? configuration.tlsTrust.sslContext() : nil
        let maximumFrameSize = configuration.maximumFrameSize
        let pingInterval = configuration.deadConnectionInterval / 2
        let keepalive = pingInterval > .zero ? TimeAmount(pingInterval) : nil
        let (channel, upgrade) = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(TimeAmount(timeout))
            .connect(host: target.host, port: target.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        // Server name indication is for names; an address literal goes without.
                        let serverName = target.hostIsAddress ? nil : target.host
                        let tls = try NIOSSLClientHandler(context: sslContext, serverHostname: serverName)
                        try channel.pipeline.syncOperations.addHandler(tls)
                    }
                    let upgrader = MushroomWebSocketClientUpgrader<WebSocketUpgrade> { channel, _ in
                        channel.eventLoop.makeCompletedFuture {
                            let ended = channel.eventLoop.makePromise(of: ConnectionEnd.self)
                            let handler = MushroomWebSocketHandler(
                                role: .client, link: WebSocketClientLink(link: link, ended: ended), validatesUTF8: false)
                            do {
                                try channel.pipeline.syncOperations.addMushroomWebSocketHandlers(
                                    handler, maximumMessageSize: maximumFrameSize, keepalive: keepalive)
                            } catch {
                                ended.fail(error)
                                throw error
                            }
                            return .upgraded(NIOLoopBound(handler, eventLoop: channel.eventLoop), ended: ended.futureResult)
                        }
                    }
                    var headers = HTTPHeaders()
                    headers.add(name: "Host", value: target.hostHeader)
                    let request = HTTPRequestHead(version: .http1_1, method: .GET, uri: target.target, headers: headers)
                    let upgradeConfiguration = NIOTypedHTTPClientUpgradeConfiguration<WebSocketUpgrade>(
                        upgradeRequestHead: request, upgraders: [upgrader]
                    ) { channel in
                        channel.eventLoop.makeSucceededFuture(.refused)
                    }
                    var pipeline = NIOUpgradableHTTPClientPipelineConfiguration(upgradeConfiguration: upgradeConfiguration)
                    pipeline.leftOverBytesStrategy = .forwardBytes
                    let upgrade = try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(configuration: pipeline)
                    // Started the moment the upgrade completes, before the frames that came with
                    // the answer are passed on (callbacks run in the order they were added).
                    upgrade.assumeIsolated().whenSuccess { upgrade in
                        if case .upgraded(let handler, _) = upgrade { handler.value.start() }
                    }
                    return (channel, upgrade)
                }
            }
        // A connection half-closed or gone silent during the upgrade would keep it waiting forever.
        let timedOut = Atomic(false)
        let deadline = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            timedOut.store(true, ordering: .relaxed)
            channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        let outcome: WebSocketUpgrade
        do {
            outcome = try await withTaskCancellationHandler {
                try await upgrade.get()
            } onCancel: {
                channel.close(promise: nil)
            }
        } catch {
            channel.close(promise: nil)
            throw timedOut.load(ordering: .relaxed) ? UpgradeTimedOut(timeout: timeout) : error
        }
        switch outcome {
        case .upgraded(_, let ended):
            return (channel, ended)
        case .refused:
            channel.close(promise: nil)
            throw SessionNotFound(url: target.url)
        }
    }

    /// Whether the server answers `404` to a plain POST on the session URL. The reference server
    /// upgrades a WebSocket before it looks the session up, and closes a socket opened on a
    /// session it has ended before sending anything; a network can cut a socket just as early, and
    /// only the server can tell the two apart (a live WebSocket session answers `400`, or `500` on
    /// the reference server). No answer counts as a live session: the next attempt asks again.
    private func sessionIsUnknown(_ session: Endpoint) async -> Bool {
        let answer = try? await HTTPPoster(trust: configuration.tlsTrust).post(session.overHTTP, body: [], timeout: configuration.connectTimeout)
        return answer?.status == 404
    }
}

/// How an upgrade attempt ended.
private enum WebSocketUpgrade: Sendable {
    /// The handler to start (on the event loop), and how the socket will end.
    case upgraded(NIOLoopBound<MushroomWebSocketHandler>, ended: EventLoopFuture<ConnectionEnd>)
    /// The server answered without switching protocols.
    case refused
}

extension Endpoint {
    /// Whether the host is an IP address rather than a name (server name indication is for names).
    var hostIsAddress: Bool { (try? SocketAddress(ipAddress: host, port: port)) != nil }
}

/// The WebSocket upgrade did not finish in time.
struct UpgradeTimedOut: Error, Hashable, CustomStringConvertible {
    let timeout: Duration
    var description: String { "the WebSocket upgrade did not finish within \(timeout)" }
}
