import CoreMetrics
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
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

    /// Makes metrics served with the server's own on its metrics port (`metricsPort`), `nil`
    /// when it serves none: the place of the cluster's `mushroom_cluster_publications_total`
    /// (a `Counter`) and `mushroom_cluster_lag_seconds` (a `Gauge`), made where the cluster
    /// publishes and receives.
    public var metricsFactory: (any MetricsFactory)? { sessions.metrics?.factory }

    /// Starts listening in the background and returns once the server listens, and its metrics
    /// listener with it when `metricsPort` is set (or throws why it could not: the port is taken,
    /// `MetricsPortUnavailable` for the metrics port, or the cluster log cannot be used). With
    /// `shutdownOnSignals`, SIGINT and SIGTERM shut it down gracefully.
    public func start(shutdownOnSignals: Bool = false) async throws -> RunningMushroomServer {
        try await sessions.relay?.open()
        let (listening, listener) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let gate = ConnectionGate(limit: configuration.maximumConnections ?? ConnectionGate.defaultLimit)
        var application = Application(
            responder: MushroomHTTPResponder(sessions: sessions, sessionHandler: sessionHandler, configuration: configuration),
            server: httpServer(gate: gate),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "mushroom"),
            onServerRunning: { channel in
                listener.yield(channel.localAddress?.port ?? 0)
                listener.finish()
            },
            logger: configuration.logger)
        let lifecycle = SessionLifecycleService(sessions: sessions, workloads: workloads, configuration: configuration)
        // Shut down in reverse: sessions end first, then what they published is stored.
        var services: [any Service] = sessions.relay.map { [ClusterRelayService(relay: $0, sessions: sessions)] } ?? []
        services.append(lifecycle)
        let metricsListening = MetricsService.Listening()
        if let metrics = sessions.metrics, let metricsPort = configuration.metricsPort {
            services.append(MetricsService(
                metrics: metrics, sessions: sessions, host: configuration.host, port: metricsPort,
                logger: configuration.logger, listening: metricsListening))
            application.beforeServerStarts { _ = try await metricsListening.wait() }
        }
        services.insert(application, at: 0)
        let group = ServiceGroup(configuration: .init(
            services: services,
            gracefulShutdownSignals: shutdownOnSignals ? [.sigterm, .sigint] : [],
            logger: configuration.logger))
        let run = Task {
            defer {
                listener.finish()
                metricsListening.stopped()
            }
            try await group.run()
        }
        var ports = listening.makeAsyncIterator()
        guard let port = await ports.next() else {
            try await run.value
            throw ServerStopped()
        }
        return RunningMushroomServer(
            host: configuration.host, port: port, metricsPort: metricsListening.port, basePath: configuration.normalizedBasePath,
            usesTLS: configuration.tls != nil,
            sessions: sessions, connections: gate, group: group, run: run)
    }

    /// HTTP/1 with WebSocket upgrades (`SessionChannel`), each connection guarded
    /// (`GuardedChildChannel`): at most `maximumConnections` open, the first request head bounded,
    /// later ones bounded by the same read timeout and head size, closed at the latest
    /// `shutdownGracePeriod` into a graceful shutdown; with `tls`, over TLS (Hummingbird's
    /// `TLSChannel`, whose handler comes first, so that the guards see the decrypted requests and
    /// the head timeout also bounds the handshake).
    private func httpServer(gate: ConnectionGate) -> HTTPServerBuilder {
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
        let sessions = self.sessions
        let configuration = self.configuration
        return HTTPServerBuilder { responder in
            let guarded = GuardedChildChannel(
                base: SessionChannel(responder: responder, http1: http1, sessions: sessions, configuration: configuration),
                gracePeriod: gracePeriod, headLimits: headLimits, gate: gate)
            guard let tls = configuration.tls else { return guarded }
            var tlsConfiguration = tls.configuration
            tlsConfiguration.shutdownTimeout = Self.closeNotifyTimeout
            return try TLSChannel(guarded, tlsConfiguration: tlsConfiguration)
        }
    }

    /// How long a TLS connection the server closes waits for the peer's close_notify before the
    /// socket is closed anyway. NIOSSL's default, 5 s, let an HTTP client's idle pooled connection
    /// (AsyncHTTPClient's, after a long poll) hold a graceful shutdown for those 5 s.
    static let closeNotifyTimeout = TimeAmount.milliseconds(500)
}

/// The server stopped before it listened, without saying why.
public struct ServerStopped: Error, CustomStringConvertible {
    public var description: String { "the server stopped before it started listening" }
}
