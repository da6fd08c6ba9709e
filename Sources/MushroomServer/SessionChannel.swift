import HTTPTypes
import HummingbirdCore
import Logging
import MushroomWebSocket
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Every connection's pipeline after its guards: HTTP/1 on NIO's upgradable pipeline. An upgrade
/// to the URL of a live WebSocket session gets the mushroom WebSocket pipeline
/// (`addMushroomWebSocketHandlers`, with a `WebSocketConnection` as its link); any other request,
/// a refused upgrade included, goes through HummingbirdCore's HTTP/1 handling to the responder
/// (as in `HTTP1Channel`), so that a refused upgrade gets the answer of the same URL without one
/// (`404` for no live session, `400` for a long-poll session), and then the connection closes.
struct SessionChannel: ServerChildChannel, HTTPChannelHandler {
    /// What the first request made of the connection.
    enum Negotiated: Sendable {
        /// A WebSocket on a session, run by its handler.
        case webSocket(NIOLoopBound<MushroomWebSocketHandler>)
        /// HTTP requests for the responder.
        case http(NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>)
    }

    struct Value: ServerChildChannelValue {
        let negotiated: EventLoopFuture<Negotiated>
        let channel: any Channel
    }

    let responder: HTTPChannelHandler.Responder
    private let http1: HTTP1Channel.Configuration
    private let sessions: SessionList
    private let configuration: MushroomServerConfiguration

    init(
        responder: @escaping HTTPChannelHandler.Responder, http1: HTTP1Channel.Configuration, sessions: SessionList,
        configuration: MushroomServerConfiguration
    ) {
        self.responder = { request, writer, channel in
            // The client of a refused upgrade was about to speak WebSocket on this connection: it
            // is asked to quiesce, so HummingbirdCore closes it once the answer is written.
            if request.headers[.upgrade] != nil { channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent()) }
            try await responder(request, writer, channel)
        }
        self.http1 = http1
        self.sessions = sessions
        self.configuration = configuration
    }

    /// How big a connection's reads start: NIO's default starts at 2 KiB, and a connection keeps
    /// the buffers its reads used (up to one per read of a read cycle) for as long as it is open,
    /// which made the buffers of an idle WebSocket the largest part of its memory. A request head
    /// or a small message fits in 256 bytes; a connection that reads more grows its buffer, doubling
    /// on every full read, up to NIO's 64 KiB.
    static let receiveBuffers = AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 256, maximum: 64 * 1024)

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.syncOptions?.setOption(ChannelOptions.recvAllocator, value: Self.receiveBuffers)
            let refused = NIOLoopBoundBox<HTTPRequestHead?>(nil, eventLoop: channel.eventLoop)
            let upgrader = MushroomWebSocketServerUpgrader<Session, Negotiated>(
                accepting: { head in
                    let session = webSocketSession(for: head)
                    if session == nil { refused.value = head }
                    return session
                },
                upgradePipeline: { webSocketPipeline($0, session: $1) })
            let upgrade = NIOTypedHTTPServerUpgradeConfiguration(upgraders: [upgrader]) { channel in
                channel.eventLoop.makeCompletedFuture { try httpPipeline(channel, refused: refused.value, logger: logger) }
            }
            var pipeline = NIOUpgradableHTTPServerPipelineConfiguration(upgradeConfiguration: upgrade)
            pipeline.enablePipelining = false  // HTTP is pipelined by NIOAsyncChannel
            pipeline.enableErrorHandling = false  // HummingbirdCore's handling answers parse errors
            pipeline.enableResponseHeaderValidation = false  // Swift HTTP Types validate them
            pipeline.decoderConfiguration.maxHeaderFieldSize = http1.httpDecoder.maxHeaderFieldSize
            pipeline.decoderConfiguration.maxHeaderListSize = http1.httpDecoder.maxHeaderListSize
            pipeline.decoderConfiguration.maxHeaderFieldCount = http1.httpDecoder.maxHeaderFieldCount
            let negotiated = try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(configuration: pipeline)
            // Started the moment the upgrade completes, before the frames that came with the
            // request are passed on (callbacks run in the order they were added).
            negotiated.assumeIsolated().whenSuccess { negotiated in
                if case .webSocket(let handler) = negotiated { handler.value.start() }
            }
            return Value(negotiated: negotiated, channel: channel)
        }
    }

    /// Runs an HTTP connection's requests. A WebSocket needs no task: it lives on its event loop
    /// (`MushroomWebSocketHandler`) until it closes, so its task ends here, and with it the task's
    /// allocator and Hummingbird's child task. A graceful shutdown still waits for it to close
    /// (Hummingbird's quiescing helper waits for every accepted channel).
    func handle(value: Value, logger: Logger) async {
        do {
            switch try await value.negotiated.get() {
            case .http(let http1):
                await handleHTTP(asyncChannel: http1, logger: logger)
            case .webSocket:
                break
            }
        } catch let error as ChannelError where error == .inputClosed {
            logger.trace("the connection closed before its first request")
        } catch {
            logger.debug("connection ended: \(error)")
        }
    }

    /// The live WebSocket session whose URL `head` asks to upgrade, if any.
    private func webSocketSession(for head: HTTPRequestHead) -> Session? {
        guard let id = configuration.sessionSegment(of: head.uri), SessionID.isWellFormed(id),
              let session = sessions.session(id: String(id)), session.transport == .webSocket
        else { return nil }
        return session
    }

    private func webSocketPipeline(_ channel: any Channel, session: Session) -> EventLoopFuture<Negotiated> {
        channel.eventLoop.makeCompletedFuture {
            let link = WebSocketConnection(session: session, sessions: sessions, configuration: configuration)
            let handler = MushroomWebSocketHandler(role: .server, link: link, validatesUTF8: true)
            try channel.pipeline.syncOperations.addMushroomWebSocketHandlers(
                handler, maximumMessageSize: configuration.maximumMessageSize, keepalive: nil)
            return .webSocket(NIOLoopBound(handler, eventLoop: channel.eventLoop))
        }
    }

    /// HummingbirdCore's HTTP/1 handling, as `HTTP1Channel` sets it up after NIO's HTTP handlers;
    /// the head of a `refused` upgrade is handed to it once it is in place.
    private func httpPipeline(_ channel: any Channel, refused: HTTPRequestHead?, logger: Logger) throws -> Negotiated {
        let codec = HTTP1ToHTTPServerCodec(secure: false)
        try channel.pipeline.syncOperations.addHandler(codec)
        try channel.pipeline.syncOperations.addHandlers(http1.additionalChannelHandlers())
        try channel.pipeline.syncOperations.addHandler(
            HTTPConnectionStateHandler(idleTimeout: http1.idleTimeout.map { .init($0) }, logger: logger))
        let http = try NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>(
            wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
        if let refused { try channel.pipeline.syncOperations.addHandler(RefusedUpgradeReplay(head: refused), position: .before(codec)) }
        return .http(http)
    }
}
