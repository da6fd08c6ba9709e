import Foundation
import Logging
import MushroomRPC
import Synchronization

/// A connection to a mushroom server that survives network trouble: it bootstraps a session,
/// keeps one `Engine` for its whole life, reconnects with backoff (to the same session first, to a
/// fresh one when the server forgot it), and publishes every engine and transport event.
///
/// ```swift
/// let client = try await MushroomClient.connect(url: "http://127.0.0.1:39288/", transports: [.webSocket, .poll])
/// let sum = try await client.request("add", [1, 2])
/// await client.close()
/// ```
///
/// The client reconnects until `close()` is called; call it when done, or it keeps trying.
public final class MushroomClient: Sendable {
    /// The engine of the client's whole life; a new session resets it (`resetSession`), never replaces it.
    public let engine: Engine
    /// The transport the server picked at the first bootstrap; later bootstraps offer only this one.
    public let transport: TransportKind
    public let configuration: ClientConfiguration

    let bootstrapper: Bootstrapper
    let connection: any ClientTransport
    let connectionsOpened = Atomic<Int>(0)
    let state: Mutex<State>
    let positions: PositionTracker

    struct State {
        var session: Endpoint
        var closing = false
        var supervisor: Task<Void, Never>?
    }

    /// Bootstraps a session at `url` offering `transports` (in order of preference) and opens it.
    /// Throws `BootstrapError` when the bootstrap fails and `ConnectionFailed` when the first
    /// connection cannot be opened; later failures are retried in the background.
    public static func connect(
        url: String,
        transports: [TransportKind] = [.webSocket, .poll],
        auth: JSONValue = .null,
        handler: any RPCHandler = MethodNotFoundHandler(),
        configuration: ClientConfiguration = ClientConfiguration()
    ) async throws -> MushroomClient {
        let bootstrapper = Bootstrapper(url: url, auth: auth, timeout: configuration.connectTimeout, trust: configuration.tlsTrust)
        let since = configuration.positionedSince
        let answer = try await bootstrapper.run(transports: transports, subscribe: configuration.positionedTopics.map { ($0, since) })
        let client = MushroomClient(answer: answer, bootstrapper: bootstrapper, handler: handler, configuration: configuration)
        configuration.onEngine?(client.engine, client.transport)
        if let since { client.positions.restart(at: since) }
        if let subscription = answer.subscription { client.joined(subscription, since: since) }
        try await client.start()
        return client
    }

    private init(answer: BootstrapAnswer, bootstrapper: Bootstrapper, handler: any RPCHandler, configuration: ClientConfiguration) {
        let positions = PositionTracker()
        self.positions = positions
        self.engine = Engine(handler: handler, configuration: configuration.engineConfiguration(for: answer.transport, positions: positions))
        self.transport = answer.transport
        self.configuration = configuration
        self.bootstrapper = bootstrapper
        self.connection = switch answer.transport {
        case .webSocket: WebSocketTransport(configuration: configuration)
        case .poll: LongPollTransport(configuration: configuration)
        }
        self.state = Mutex(State(session: answer.session))
    }

    /// The URL of the current session.
    public var sessionURL: String { session.url }

    /// With `ClientConfiguration.positionedTopics`, the position of the last positioned
    /// notification received (or where the session joined the stream): what a new session
    /// recovers from.
    public var position: StreamPosition? { positions.position }

    /// The current session.
    var session: Endpoint { state.withLock { $0.session } }

    /// Every engine and transport event from now on (connections, reconnections, new sessions,
    /// messages, requests, protocol errors), beginning with the connection's state, for the
    /// dashboard. Each call is a new subscription.
    public func events() -> EventSubscription {
        engine.events()
    }

    /// Sends a Request and waits for its answer, at most `timeout` (the configured default when `nil`).
    /// Throws `RequestException` for an Error reply, `RequestTimeout`, or `ConnectionLost` when the
    /// session was lost or the client closed.
    public func request(_ method: String, _ data: JSONValue = .null, timeout: Duration? = nil) async throws -> JSONValue {
        try await engine.request(method, data, timeout: timeout ?? configuration.requestTimeout)
    }

    /// Sends a Notification; returns its id (see `waitUntilDelivered`).
    @discardableResult
    public func notify(_ method: String, _ data: JSONValue = .null) throws -> MessageID {
        try engine.notify(method, data)
    }

    /// Returns once the server confirmed receiving message `id` of the current session; throws
    /// `ConnectionLost` when the session is lost first.
    public func waitUntilDelivered(_ id: MessageID) async throws {
        try await engine.waitUntilDelivered(id)
    }

    /// Closes for good: sends a Disconnect `[-1]` when connected (waiting briefly for it to leave),
    /// stops reconnecting and closes the engine, failing pending requests with `ConnectionLost`.
    public func close() async {
        let supervisor = state.withLock { state -> Task<Void, Never>? in
            guard !state.closing else { return nil }
            state.closing = true
            return state.supervisor
        }
        guard let supervisor else { return }
        if engine.isAttached, (try? engine.send(.disconnect)) != nil {
            let grace = configuration.connectTimeout
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await supervisor.value }
                group.addTask { try? await Task.sleep(for: grace) }
                await group.next()
                supervisor.cancel()
                group.cancelAll()
            }
        }
        supervisor.cancel()
        await supervisor.value
        engine.close(reason: "closed by the client")
    }

    var isClosing: Bool { state.withLock { $0.closing } }
}

/// The first connection to a freshly bootstrapped session could not be opened.
public struct ConnectionFailed: Error, Sendable, Hashable, CustomStringConvertible {
    public let url: String
    public let reason: String
    public var description: String { "Could not open the session at \(url): \(reason)." }
}
