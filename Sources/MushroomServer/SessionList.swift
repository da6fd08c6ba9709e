import Foundation
import Logging
import MushroomRPC
import Synchronization

/// Every live session of a server: creates them at bootstrap, broadcasts to them, publishes to
/// topics, and ends them (client Disconnect, expiry, slow consumer, shutdown).
public final class SessionList: Sendable {
    private struct Registry {
        var byID: [String: Session] = [:]
        /// How many sessions each client address holds that were never opened.
        var unopenedByAddress: [String: Int] = [:]
        /// Set by `shutDown()`: no session is registered after it.
        var isShutDown = false
        /// What the sessions that ended sent and received.
        var endedTraffic = MessageTraffic()
        var slowConsumerDisconnects = 0

        mutating func countUnopened(_ address: String?, by change: Int) {
            guard let address else { return }
            let count = unopenedByAddress[address, default: 0] + change
            unopenedByAddress[address] = count > 0 ? count : nil
        }
    }

    private let registry = Mutex(Registry())
    /// Every live session's topic patterns, by pattern.
    private let topics = TopicIndex<Session>()
    /// Broadcasts and publications of a server that is no cluster's node, a pass at a time.
    private let localBroadcasts: BroadcastQueue<LocalBroadcast>
    private let configuration: MushroomServerConfiguration
    private let handler = Mutex<(any RPCHandler)?>(nil)
    private let sessionHandler: any SessionHandler
    /// Where broadcasts and publications go when the server is a cluster's node.
    let relay: ClusterRelay?
    /// The server's metrics, when it serves them (`metricsPort`).
    let metrics: ServerMetrics?
    /// The operator's token, when one is set.
    private let adminToken: AdminToken?
    /// When the list was made: the server's start, near enough.
    let started = Date()

    init(configuration: MushroomServerConfiguration, sessionHandler: any SessionHandler, makeHandler: (SessionList) -> any RPCHandler) {
        self.configuration = configuration
        self.sessionHandler = sessionHandler
        localBroadcasts = BroadcastQueue(limit: configuration.maximumWaitingBroadcasts)
        let metrics = configuration.metricsPort == nil ? nil : ServerMetrics()
        self.metrics = metrics
        self.relay = configuration.cluster.map { ClusterRelay(log: $0, configuration: configuration, metrics: metrics?.cluster) }
        adminToken = configuration.adminToken.map(AdminToken.init)
        let handler = makeHandler(self)
        self.handler.withLock { $0 = handler }
    }

    /// The number of live sessions.
    public var count: Int { registry.withLock { $0.byID.count } }

    /// Every live session, in no particular order.
    public var all: [Session] { registry.withLock { Array($0.byID.values) } }

    /// The live session with id `id`.
    public func session(id: String) -> Session? { registry.withLock { $0.byID[id] } }

    /// Sends a notification to every session, subscribed or not (the reference's
    /// `SessionList.notify`); returns how many sessions it was sent to. Broadcasts made while
    /// another is being delivered leave together right after it (`BroadcastQueue`), in the order
    /// they were made, and their count is the sessions now. In a cluster it goes to every node's
    /// sessions once stored, in the cluster's order, and the count is this node's sessions now.
    /// Throws, sending nothing, for data nested deeper than a message may carry, when
    /// `maximumWaitingBroadcasts` wait already, or when the cluster's log has long been
    /// unreachable (`PublicationRefused`).
    @discardableResult
    public func notify(_ method: String, _ data: JSONValue = .null) throws(PublicationRefused) -> Int {
        try send(Publication(audience: .everySession, method: method, data: data))
    }

    /// Publishes a notification whose method is `topic` to every session whose subscriptions
    /// accept it (sessions that never subscribed accept everything); returns how many. The
    /// sessions come from the topic index, in time proportional to them, not to all sessions.
    /// In a cluster, and when it throws, as `notify`.
    @discardableResult
    public func publish(_ topic: String, _ data: JSONValue = .null) throws(PublicationRefused) -> Int {
        try send(Publication(audience: .topicSubscribers, method: topic, data: data))
    }

    private func send(_ publication: Publication) throws(PublicationRefused) -> Int {
        guard let relay else {
            let notification: Message.Notification
            do {
                notification = try Message.Notification(broadcasting: publication.method, data: publication.data)
            } catch {
                throw .tooDeep(error)
            }
            return try broadcast(LocalBroadcast(notification: notification, audience: publication.audience))
        }
        do {
            try Message.checkDepth(of: publication.data)
        } catch {
            throw .tooDeep(error)
        }
        try relay.submit(publication)
        return audienceCount(publication.audience, publication.method)
    }

    /// How many sessions a publication made now would reach.
    private func audienceCount(_ audience: Publication.Audience, _ method: String) -> Int {
        switch audience {
        case .everySession: count
        case .topicSubscribers: topics.subscribers(of: method).count
        }
    }

    /// Delivers `broadcast` at once and returns how many sessions took it, or, while another
    /// caller's pass is under way, leaves it for the next pass (`BroadcastQueue`) and returns how
    /// many sessions it is to reach; refused when too many wait already. The caller of a pass
    /// that finds broadcasts made meanwhile hands the next passes to a task and returns.
    private func broadcast(_ broadcast: LocalBroadcast) throws(PublicationRefused) -> Int {
        let pass: [LocalBroadcast]
        switch localBroadcasts.submit(broadcast) {
        case .deliver(let now):
            pass = now
        case .waiting:
            return audienceCount(broadcast.audience, broadcast.notification.method)
        case .refused(let waiting):
            throw .deliveryBacklogFull(waiting: waiting)
        }
        let reached = deliver(pass)
        if let next = localBroadcasts.nextPass() {
            Task { [self] in
                var pass: [LocalBroadcast]? = next
                while let broadcasts = pass {
                    _ = deliver(broadcasts)
                    pass = localBroadcasts.nextPass()
                }
            }
        }
        return reached
    }

    /// Delivers one pass of broadcasts in their order, those in a row with one audience
    /// together: each of their sessions takes them all at once (`Engine.notify(contentsOf:)`),
    /// and the sockets are woken together at the end (`BroadcastWakes`). Returns how many
    /// sessions took the first.
    private func deliver(_ pass: [LocalBroadcast]) -> Int {
        BroadcastWakes.batching {
            var firstReached: Int?
            var everySession: [Session]?
            for run in pass.runsOfOneAudience() {
                let notifications = pass[run].map(\.notification)
                let sessions = audience(of: pass[run.lowerBound], everySession: &everySession)
                let reached = sessions.reduce(0) { count, session in
                    count + (deliver(notifications, to: session) ? 1 : 0)
                }
                firstReached = firstReached ?? reached
            }
            return firstReached ?? 0
        }
    }

    /// Delivers publications read from the cluster's log, in their order, to this node's
    /// sessions, as a pass of local broadcasts is delivered: those in a row with one audience
    /// together. Sessions waiting for their recovery take none, and those that received some on
    /// another node take those after; a session that asked for positions receives each with its
    /// own.
    func deliver(_ batch: [StoredPublication], epoch: String) {
        BroadcastWakes.batching {
            var everySession: [Session]?
            for run in batch.runsOfOneAudience() {
                var notifications = ClusterNotifications(batch[run], epoch: epoch, logger: configuration.logger)
                for session in audience(of: batch[run.lowerBound], everySession: &everySession) {
                    let taken = notifications.taken(by: session.clusterDelivery.withLock { $0 })
                    if !taken.isEmpty { _ = deliver(taken, to: session) }
                }
            }
        }
    }

    /// Delivers to `session` alone, with positions, the publications it missed that its
    /// subscriptions accept: its recovery, while the live stream is held from it.
    func deliver(_ missed: ArraySlice<StoredPublication>, epoch: String, recoveringTo session: Session) {
        let patterns = session.subscriptions.current
        let accepted = missed.filter { stored in
            stored.audience == .everySession || patterns?.contains { $0.matches(stored.method) } != false
        }
        var notifications = ClusterNotifications(accepted[...], epoch: epoch, logger: configuration.logger)
        let positioned = notifications.all(positioned: true)
        if !positioned.isEmpty { _ = deliver(positioned, to: session) }
    }

    /// The sessions `first` and the others of its run reach; every session's list is made once
    /// a pass, in `everySession`.
    private func audience(of first: some Addressed, everySession: inout [Session]?) -> [Session] {
        switch first.audience {
        case .everySession:
            let sessions = everySession ?? all
            everySession = sessions
            return sessions
        case .topicSubscribers:
            return topics.subscribers(of: first.method)
        }
    }

    /// Sends `notifications` to `session` at once; ends the session when its outbound buffer is
    /// full (a slow consumer). False when not all were sent.
    private func deliver(_ notifications: [Message.Notification], to session: Session) -> Bool {
        do {
            try session.engine.notify(contentsOf: notifications)
            return true
        } catch let error as OutboundBufferFull {
            end(session, .slowConsumer(error))
        } catch {
            let first = notifications.first?.method ?? ""
            configuration.logger.debug("\(notifications.count) notifications from '\(first)' on not sent to session \(session.id): \(error)")
        }
        return false
    }

    // MARK: Census

    /// The live sessions by transport, what they leave unacknowledged, and every message sent
    /// and received (by the sessions that ended too): what metrics and statistics report.
    struct Census: Sendable, Hashable {
        var sessions: [TransportKind: Int] = [:]
        var unacknowledged = 0
        var traffic = MessageTraffic()
        var slowConsumerDisconnects = 0
    }

    /// Counts the sessions now, in time proportional to them.
    func census() -> Census {
        let (live, ended, slow) = registry.withLock { (Array($0.byID.values), $0.endedTraffic, $0.slowConsumerDisconnects) }
        var census = Census(traffic: ended, slowConsumerDisconnects: slow)
        for session in live {
            census.sessions[session.transport, default: 0] += 1
            census.unacknowledged += session.engine.unacknowledgedCount
            census.traffic = census.traffic + session.engine.traffic
        }
        return census
    }

    // MARK: Life cycle

    /// Creates, registers and announces a session; refused once the server is shutting down, or
    /// when the client's address holds `maximumUnopenedSessionsPerAddress` unopened sessions. A
    /// session made with a positioned subscription takes no publication from the cluster until
    /// `join(_:_:)` joined it to the stream.
    func create(
        transport: TransportKind, auth: JSONValue, remoteAddress: String?, subscription: PositionedSubscription? = nil
    ) async throws(BootstrapRefused) -> Session {
        if let patterns = subscription?.patterns, Set(patterns).count > configuration.maximumSubscriptions {
            throw .tooManyPatterns(.init(limit: configuration.maximumSubscriptions, requested: Set(patterns).count))
        }
        var logger = configuration.logger
        let id = SessionID.make()
        logger[metadataKey: "mushroom.session"] = .string(id)
        var engineConfiguration = EngineConfiguration().serving(TransportEnd(transport, .server))
        engineConfiguration.maximumUnacknowledged = configuration.maximumUnacknowledged
        engineConfiguration.maximumUnacknowledgedBytes = configuration.maximumUnacknowledgedBytes
        engineConfiguration.maximumConcurrentHandlers = configuration.maximumConcurrentHandlers
        engineConfiguration.logger = logger
        if configuration.maximumUnacknowledged != nil || configuration.maximumUnacknowledgedBytes != nil {
            engineConfiguration.hooks.afterHandling.append(closeWhenRepliesFill(sessionID: id))
        }
        let subscriptions = TopicSubscriptions(index: topics, sessionID: id, limit: configuration.maximumSubscriptions)
        let application: any RPCHandler = handler.withLock { $0 } ?? MethodNotFoundHandler()
        var sessionMethods: any RPCHandler = TopicMethodHandler(subscriptions: subscriptions, application: application)
        var builtIns = TopicMethodHandler.methods
        if adminToken?.isCarried(by: auth) == true {
            sessionMethods = AdminMethodHandler(sessions: self, wrapped: sessionMethods)
            builtIns += AdminMethodHandler.methods
        }
        sessionMethods = MethodListHandler(wrapped: sessionMethods, application: application, builtIns: builtIns)
        if let metrics { sessionMethods = RequestTimingHandler(wrapped: sessionMethods, metrics: metrics) }
        let engine = Engine(handler: sessionMethods, configuration: engineConfiguration)
        let session = Session(
            id: id, transport: transport, engine: engine, subscriptions: subscriptions, auth: auth,
            remoteAddress: remoteAddress, now: Date(), heldForRecovery: subscription != nil && relay != nil)
        let limit = configuration.maximumUnopenedSessionsPerAddress
        try registry.withLock { registry throws(BootstrapRefused) in
            guard !registry.isShutDown else { throw .shuttingDown }
            if let remoteAddress, registry.unopenedByAddress[remoteAddress, default: 0] >= limit {
                throw .tooManyUnopened(address: remoteAddress, limit: limit)
            }
            registry.byID[id] = session
            registry.countUnopened(remoteAddress, by: 1)
            // Under the registry's lock, like the removal in `end`: a session is in the index
            // exactly while it is registered.
            topics.add(session, id: id)
        }
        // Checked above: the patterns fit.
        if let patterns = subscription?.patterns, !patterns.isEmpty { _ = try? subscriptions.subscribe(patterns) }
        logger.info("session opened (\(transport.rawValue))")
        await sessionHandler.connect(session)
        return session
    }

    /// Joins `session`, made with `subscription`, to the cluster's stream with positions,
    /// recovering first what it missed after `since`. On a server that is no cluster node there
    /// are no positions, and a `since` cannot be recovered.
    func join(_ session: Session, _ subscription: PositionedSubscription) async -> RecoveryOutcome {
        guard let relay else {
            let since = subscription.since
            return RecoveryOutcome(
                position: nil, recovered: since == nil,
                reason: since.map { _ in "this server is not a cluster node: it keeps no positions to recover from" })
        }
        return await relay.recover(session, since: subscription.since, timeout: configuration.recoveryTimeout)
    }

    /// A hook ending the session once a reply leaves `maximumUnacknowledged` messages waiting for
    /// acknowledgement or was refused for a full buffer, as a refused broadcast does: otherwise a
    /// client that never acknowledges (the reference JavaScript client over WebSocket) would see
    /// every later reply refused in silence.
    private func closeWhenRepliesFill(sessionID id: String) -> MessageHooks.Hook {
        let limit = configuration.maximumUnacknowledged
        return { [weak self] message, engine in
            guard case .request = message, let self else { return }
            let full = engine.outboundRefusal
                ?? limit.flatMap { engine.unacknowledgedCount >= $0 ? OutboundBufferFull(.messages($0)) : nil }
            guard let full, let session = self.session(id: id) else { return }
            self.end(session, .slowConsumer(full))
        }
    }

    /// Records that the client opened `session` (its first socket or poll request).
    func opened(_ session: Session) {
        guard session.markOpened() else { return }
        registry.withLock { $0.countUnopened(session.remoteAddress, by: -1) }
    }

    /// Ends `session` for `reason` (once), removes it, and tells the session handler.
    func end(_ session: Session, _ reason: SessionEnd) {
        guard session.finish(reason) else { return }
        let wasOpened = session.wasOpened
        let traffic = session.engine.traffic
        registry.withLock { registry in
            _ = registry.byID.removeValue(forKey: session.id)
            registry.endedTraffic = registry.endedTraffic + traffic
            if case .slowConsumer = reason { registry.slowConsumerDisconnects += 1 }
            if !wasOpened { registry.countUnopened(session.remoteAddress, by: -1) }
            topics.remove(id: session.id)
        }
        let level: Logger.Level = switch reason {
        case .slowConsumer: .warning
        default: .info
        }
        configuration.logger.log(level: level, "session \(session.id) closed: \(reason)")
        let sessionHandler = self.sessionHandler
        Task { await sessionHandler.disconnect(session) }
    }

    /// A WebSocket session's socket closed: the session waits `webSocketGracePeriod` for the
    /// client to resume on the same URL, or ends at once when the grace period is zero.
    func webSocketClosed(_ session: Session, connection: EngineConnection) {
        guard session.detachWebSocket(connection) else { return }
        let grace = configuration.webSocketGracePeriod
        guard grace > .zero else {
            end(session, .notResumed)
            return
        }
        session.startGraceTimer(Task { [weak self] in
            try? await Task.sleep(for: grace)
            guard !Task.isCancelled, let self, !session.hasWebSocket else { return }
            self.end(session, .notResumed)
        })
    }

    /// Ends every long-poll session not polled within `pollSessionMaximumAge`, and every
    /// WebSocket session whose socket was not opened within `unopenedSessionMaximumAge`.
    func expireIdleSessions(now: Date) {
        for session in all {
            switch session.transport {
            case .poll where session.isIdle(now: now, maximumAge: configuration.pollSessionMaximumAge):
                end(session, .expired)
            case .webSocket where session.isUnopened(now: now, maximumAge: configuration.unopenedSessionMaximumAge):
                end(session, .neverOpened)
            default:
                break
            }
        }
    }

    /// Graceful shutdown: refuses new sessions from now on (the HTTP server still answers until it
    /// quiesces, and a client told Disconnect may bootstrap again at once) and ends every session
    /// with a Disconnect.
    func shutDown() {
        registry.withLock { $0.isShutDown = true }
        for session in all { end(session, .shutdown) }
    }
}

/// A broadcast or topic publication of a server that is no cluster's node, waiting for its pass.
private struct LocalBroadcast: Addressed, Sendable {
    let notification: Message.Notification
    let audience: Publication.Audience
    var method: String { notification.method }
}
