import Foundation
import MushroomRPC
import Synchronization

/// One client session: its id, its transport, its `Engine` and its topic subscriptions. A handler
/// calls the client of a call back with `call.engine.request(...)`.
public final class Session: Sendable {
    /// The session id, the last segment of the session URL.
    public let id: String
    /// The transport chosen at bootstrap; the session URL serves only this one.
    public let transport: TransportKind
    /// The RPC engine of this session.
    public let engine: Engine
    /// The topic patterns this session subscribed to.
    public let subscriptions: TopicSubscriptions
    /// What the client sent as `auth` in the bootstrap request.
    public let auth: JSONValue
    /// The IP address the bootstrap came from.
    public let remoteAddress: String?
    /// When the session was created.
    public let created: Date

    struct State {
        var end: SessionEnd?
        /// Whether the client ever opened the session (a socket or a poll request).
        var opened = false
        var lastActivity: Date
        var heldPolls = 0
        var poll: (connection: EngineConnection, signal: AsyncStream<Void>.Continuation)?
        var webSocket: (connection: EngineConnection, finish: @Sendable () -> Void)?
        var graceTimer: Task<Void, Never>?
        var rate: RateMeter
    }

    let state: Mutex<State>
    /// How the cluster's publications reach this session.
    let clusterDelivery: Mutex<ClusterDelivery>

    init(
        id: String, transport: TransportKind, engine: Engine, subscriptions: TopicSubscriptions, auth: JSONValue,
        remoteAddress: String?, now: Date, heldForRecovery: Bool = false
    ) {
        self.id = id
        self.transport = transport
        self.engine = engine
        self.subscriptions = subscriptions
        self.auth = auth
        self.remoteAddress = remoteAddress
        self.created = now
        self.state = Mutex(State(lastActivity: now, rate: RateMeter(start: now)))
        self.clusterDelivery = Mutex(ClusterDelivery(isHeld: heldForRecovery))
    }

    /// Why the session ended, or `nil` while it is live.
    public var end: SessionEnd? { state.withLock { $0.end } }

    /// Sends a notification to this session's client; returns its id.
    @discardableResult
    public func notify(_ method: String, _ data: JSONValue = .null) throws -> MessageID {
        try engine.notify(method, data)
    }

    // MARK: WebSocket connections

    /// Attaches a new socket: the engine wakes it through `wake` (see `Engine.attach(wake:)`),
    /// and `finish` is called once when the socket must close (replaced by a newer one, or the
    /// session ended). A previous socket is finished and a pending grace timer is cancelled. `nil`
    /// when the session has ended.
    func attachWebSocket(
        wake: @escaping @Sendable (EngineConnection) -> Void, finish: @escaping @Sendable () -> Void
    ) -> EngineConnection? {
        let replaced = state.withLock { state -> ((@Sendable () -> Void)?, EngineConnection)? in
            guard state.end == nil else { return nil }
            state.graceTimer?.cancel()
            state.graceTimer = nil
            let previous = state.webSocket?.finish
            let connection = engine.attach(wake: wake)
            state.webSocket = (connection, finish)
            return (previous, connection)
        }
        guard let (previous, connection) = replaced else { return nil }
        previous?()
        return connection
    }

    /// Detaches `connection`. Returns true when it was the current socket of a live session, so
    /// the session now waits for a reconnection.
    func detachWebSocket(_ connection: EngineConnection) -> Bool {
        state.withLock { state in
            guard state.webSocket?.connection === connection else { return false }
            engine.detach(connection)
            state.webSocket = nil
            return state.end == nil
        }
    }

    /// Starts the grace timer of a session whose socket dropped, replacing any earlier one.
    func startGraceTimer(_ timer: Task<Void, Never>) {
        state.withLock { state in
            state.graceTimer?.cancel()
            state.graceTimer = timer
        }
    }

    /// Whether a socket is attached.
    var hasWebSocket: Bool { state.withLock { $0.webSocket != nil } }

    // MARK: Long polls

    /// Registers a held poll woken through `signal` whenever a message is sent; an earlier held
    /// poll is answered at once. `nil` when the session has ended.
    func beginPoll(_ signal: AsyncStream<Void>.Continuation, now: Date) -> EngineConnection? {
        let outcome = state.withLock { state -> (AsyncStream<Void>.Continuation?, EngineConnection)? in
            guard state.end == nil else { return nil }
            let previous = state.poll?.signal
            let connection = engine.attach(writer: { _ in signal.yield() })
            state.poll = (connection, signal)
            state.heldPolls += 1
            state.lastActivity = now
            return (previous, connection)
        }
        guard let (previous, connection) = outcome else { return nil }
        previous?.finish()
        return connection
    }

    /// Ends the held poll registered as `connection`.
    func endPoll(_ connection: EngineConnection, now: Date) {
        let signal = state.withLock { state -> AsyncStream<Void>.Continuation? in
            engine.detach(connection)
            state.heldPolls -= 1
            state.lastActivity = now
            guard state.poll?.connection === connection else { return nil }
            defer { state.poll = nil }
            return state.poll?.signal
        }
        signal?.finish()
    }

    /// Records client activity (a long-poll request).
    func touch(now: Date) {
        state.withLock { $0.lastActivity = now }
    }

    /// Marks the session opened by its client (its first socket or poll request); true the first
    /// time only, and never once the session has ended.
    func markOpened() -> Bool {
        state.withLock { state in
            guard state.end == nil, !state.opened else { return false }
            state.opened = true
            return true
        }
    }

    /// Whether the client ever opened the session; fixed once the session has ended.
    var wasOpened: Bool { state.withLock { $0.opened } }

    /// Whether a long-poll session has gone without a poll for longer than `maximumAge`.
    func isIdle(now: Date, maximumAge: Duration) -> Bool {
        state.withLock { state in
            state.heldPolls == 0 && now.timeIntervalSince(state.lastActivity) > maximumAge.timeInterval
        }
    }

    /// Whether the session was never opened and is older than `maximumAge`.
    func isUnopened(now: Date, maximumAge: Duration) -> Bool {
        !wasOpened && now.timeIntervalSince(created) > maximumAge.timeInterval
    }

    /// Messages in and out per second lately (`RateMeter`), at `now`.
    func messageRate(at now: Date) -> Double {
        let traffic = engine.traffic
        let total = traffic.sent.total &+ traffic.received.total
        return state.withLock { $0.rate.rate(total: total, at: now) }
    }

    // MARK: Ending

    /// Ends the session once: the engine closes (pending requests fail), with a farewell
    /// Disconnect to the client when `end` says so, and sockets and held polls finish. Returns
    /// false when the session had already ended.
    func finish(_ end: SessionEnd) -> Bool {
        let taken = state.withLock { state -> ((@Sendable () -> Void)?, AsyncStream<Void>.Continuation?, Task<Void, Never>?)? in
            guard state.end == nil else { return nil }
            state.end = end
            defer {
                state.graceTimer = nil
                state.poll = nil
            }
            return (state.webSocket?.finish, state.poll?.signal, state.graceTimer)
        }
        guard let (finishSocket, poll, graceTimer) = taken else { return false }
        graceTimer?.cancel()
        engine.close(reason: end.description, farewell: end.sendsDisconnect)
        finishSocket?()
        poll?.finish()
        return true
    }
}
