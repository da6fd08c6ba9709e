import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import MushroomRPC
import NIOCore
import ServiceLifecycle

/// A mushroom server: the bootstrap endpoint, WebSocket and long-poll sessions, broadcast and
/// topics, on Hummingbird.
///
/// ```swift
/// var registry = RegistryDispatcher()
/// try registry.register("echo") { call in call.data }
/// let server = MushroomServer(configuration: configuration, handler: registry)
/// let running = try await server.start()
/// print("Server running at \(running.url)")
/// running.sessions.publish("orders.created", ["id": 1])
/// await running.shutdown()
/// ```
public struct MushroomServer: Sendable {
    public let configuration: MushroomServerConfiguration
    /// Every live session; usable before `start` (workloads and handlers keep it).
    public let sessions: SessionList
    private let sessionHandler: any SessionHandler
    private let workloads: [any ServerWorkload]

    /// - Parameters:
    ///   - handler: answers every session's inbound calls (besides the built-in `subscribe` and
    ///     `unsubscribe`); `call.engine` is the calling session's engine.
    ///   - sessionHandler: authenticates bootstraps and hears of sessions opening and ending.
    ///   - workloads: run while the server serves.
    public init(
        configuration: MushroomServerConfiguration = MushroomServerConfiguration(),
        handler: any RPCHandler = MethodNotFoundHandler(),
        sessionHandler: any SessionHandler = OpenSessionHandler(),
        workloads: [any ServerWorkload] = []
    ) {
        self.init(configuration: configuration, sessionHandler: sessionHandler, workloads: workloads) { _ in handler }
    }

    /// Like `init(configuration:handler:sessionHandler:workloads:)`, for a handler that needs the
    /// session list (to broadcast, or to find the calling session).
    public init(
        configuration: MushroomServerConfiguration = MushroomServerConfiguration(),
        sessionHandler: any SessionHandler = OpenSessionHandler(),
        workloads: [any ServerWorkload] = [],
        makeHandler: (SessionList) -> any RPCHandler
    ) {
        self.configuration = configuration
        self.sessionHandler = sessionHandler
        self.workloads = workloads
        self.sessions = SessionList(configuration: configuration, sessionHandler: sessionHandler, makeHandler: makeHandler)
    }

    /// Starts listening in the background and returns once the server listens (or throws why it
    /// could not, e.g. the port is taken). With `shutdownOnSignals`, SIGINT and SIGTERM shut it
    /// down gracefully.
    public func start(shutdownOnSignals: Bool = false) async throws -> RunningMushroomServer {
        let (listening, listener) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let gate = ConnectionGate(limit: configuration.maximumConnections ?? ConnectionGate.defaultLimit)
        let application = Application(
            responder: MushroomHTTPResponder(sessions: sessions, sessionHandler: sessionHandler, configuration: configuration),
            server: httpServer(gate: gate),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "mushroom"),
            onServerRunning: { channel in
                listener.yield(channel.localAddress?.port ?? 0)
                listener.finish()
            },
            logger: configuration.logger)
        let lifecycle = SessionLifecycleService(sessions: sessions, workloads: workloads, configuration: configuration)
        let group = ServiceGroup(configuration: .init(
            services: [application, lifecycle],
            gracefulShutdownSignals: shutdownOnSignals ? [.sigterm, .sigint] : [],
            logger: configuration.logger))
        let run = Task {
            defer { listener.finish() }
            try await group.run()
        }
        var ports = listening.makeAsyncIterator()
        guard let port = await ports.next() else {
            try await run.value
            throw ServerStopped()
        }
        return RunningMushroomServer(
            host: configuration.host, port: port, basePath: configuration.normalizedBasePath,
            sessions: sessions, connections: gate, group: group, run: run)
    }

    /// HTTP/1 with WebSocket upgrades, each connection guarded (`GuardedChildChannel`): at most
    /// `maximumConnections` open, the first request head bounded, later ones bounded by the same
    /// read timeout and head size, closed at the latest `shutdownGracePeriod` into a graceful
    /// shutdown.
    private func httpServer(gate: ConnectionGate) -> HTTPServerBuilder {
        let upgrade = webSocketUpgrade()
        let webSocket = WebSocketServerConfiguration(
            maxFrameSize: configuration.maximumMessageSize, autoPing: .disabled, validateUTF8: true)
        let readTimeout = TimeAmount(configuration.requestReadTimeout)
        let headLimits = RequestHeadGuard.Limits(
            timeout: readTimeout, maximumRequestLineBytes: configuration.maximumRequestLineBytes,
            maximumHeadBytes: configuration.maximumRequestHeadBytes)
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [RequestActivityTracker(gate: gate)],
            idleTimeout: readTimeout,
            httpDecoderConfiguration: .init(
                maxHeaderFieldSize: configuration.maximumRequestHeadBytes,
                maxHeaderListSize: configuration.maximumRequestHeadBytes))
        let gracePeriod = configuration.shutdownGracePeriod
        return HTTPServerBuilder { responder in
            GuardedChildChannel(
                base: HTTP1WebSocketUpgradeChannel(
                    responder: responder, configuration: .init(http1: http1, ws: webSocket), shouldUpgrade: upgrade),
                gracePeriod: gracePeriod, headLimits: headLimits, route: unknownSessionRoute(), gate: gate)
        }
    }

    /// Answers an upgrade to a session URL that cannot be upgraded as a request without an upgrade
    /// is answered by `MushroomHTTPResponder`: `404` for no live session (as the protocol says),
    /// `400` for a long-poll session. Hummingbird answers every refused upgrade with an empty
    /// `400`, so this is decided on the first head, before it.
    private func unknownSessionRoute() -> RequestHeadGuard.Route {
        let sessions = self.sessions
        let configuration = self.configuration
        return { target, upgradesToWebSocket in
            guard upgradesToWebSocket, let id = configuration.sessionSegment(of: target) else { return nil }
            guard SessionID.isWellFormed(id), let session = sessions.session(id: String(id)) else {
                return ("404 Not Found", HTTPAnswer.unknownSession(id))
            }
            guard session.transport == .webSocket else { return ("400 Bad Request", HTTPAnswer.pollSessionUpgraded(id)) }
            return nil
        }
    }

    /// Decides WebSocket upgrades: only to the URL of a live WebSocket session. An upgrade to
    /// another session URL was answered by `unknownSessionRoute`; any other is refused with an
    /// empty `400` before the socket opens.
    ///
    /// A closure rather than a `Router`: hummingbird-websocket 2.8.1's router keeps each upgraded
    /// request's context in a box that the context itself references, a cycle that leaked about a
    /// kilobyte per WebSocket connection (found by the soak, with heaptrack).
    private func webSocketUpgrade() -> @Sendable (HTTPRequest, any Channel, Logger) throws
        -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        let sessions = self.sessions
        let configuration = self.configuration
        return { head, channel, _ in
            guard let id = configuration.sessionSegment(of: head.path ?? ""), SessionID.isWellFormed(id),
                  let session = sessions.session(id: String(id)), session.transport == .webSocket
            else { return .dontUpgrade }
            return .upgrade([:]) { inbound, outbound, _ in
                try await WebSocketConnection(session: session, sessions: sessions, configuration: configuration)
                    .run(inbound: inbound, outbound: outbound, channel: channel)
            }
        }
    }
}

/// The server stopped before it listened, without saying why.
public struct ServerStopped: Error, CustomStringConvertible {
    public var description: String { "the server stopped before it started listening" }
}
