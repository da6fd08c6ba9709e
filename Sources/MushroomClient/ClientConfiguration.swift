import Logging
import MushroomRPC

/// How a `MushroomClient` connects, keeps its connection alive and reconnects.
public struct ClientConfiguration: Sendable {
    /// The timeout of `MushroomClient.request` when none is given; `nil` waits forever.
    public var requestTimeout: Duration? = .seconds(30)
    /// The delays between reconnection attempts.
    public var backoff = ReconnectBackoff()
    /// The largest WebSocket frame sent or accepted (at least 1 MiB by default).
    public var maximumFrameSize = 1 << 20
    /// No traffic and no answer to a keepalive within this interval means the connection is dead
    /// and is replaced. Over WebSocket a ping goes out every half interval and a missing pong
    /// closes the socket; zero turns the pings off.
    public var deadConnectionInterval: Duration = .seconds(30)
    /// The longest a held poll may stay unanswered before the connection counts as dead (the
    /// reference server answers an idle poll after 40 s).
    public var pollTimeout: Duration = .seconds(50)
    /// The longest a bootstrap, a connection attempt or a POST of messages may take.
    public var connectTimeout: Duration = .seconds(10)
    /// Over WebSocket, received messages are acknowledged after this many...
    public var acknowledgeEveryMessages = 32
    /// ...or once the inbound side has been quiet this long.
    public var acknowledgeIdle: Duration = .milliseconds(200)
    /// The certificate authorities trusted for https and wss (default: the system's store).
    public var tlsTrust = TLSTrust.systemStore
    /// The engine's configuration; its acknowledgement policy is set from the chosen transport.
    public var engine = EngineConfiguration()
    /// Topic patterns to subscribe to with positions at every bootstrap (`[]`: every
    /// publication), so that a new session after a lost one first receives, exactly once and in
    /// order, what the lost one missed (a mushroom cluster's recovery); `nil`, the default, asks
    /// for no positions and sends the reference's bootstrap.
    public var positionedTopics: [String]?
    /// With `positionedTopics`, where the first session recovers from: a position kept from an
    /// earlier run (`MushroomClient.position`); `nil` starts at the server's current position.
    public var positionedSince: StreamPosition?
    /// Called when a new session could not recover what the lost one missed, with the position
    /// it asked from and why (also reported as `TransportEvent.notRecovered`).
    public var onNotRecovered: (@Sendable (_ since: StreamPosition, _ reason: String) -> Void)?
    /// Called once with the client's engine and transport, before its first connection opens:
    /// where a consumer that must miss nothing taps it (`Engine.tap(_:)`, a recording).
    public var onEngine: (@Sendable (Engine, TransportKind) -> Void)?
    /// Where the client logs connections, reconnections and failures.
    public var logger = Logger(label: "mushroom.client")

    public init() {}

    /// The engine configuration for the client's end of `transport` (its rules, and over
    /// WebSocket acknowledgements batched as configured here).
    func engineConfiguration(for transport: TransportKind, positions: PositionTracker) -> EngineConfiguration {
        var configuration = engine.serving(
            TransportEnd(transport, .client),
            batch: AcknowledgementBatch(everyMessages: acknowledgeEveryMessages, idle: acknowledgeIdle))
        if positionedTopics != nil { configuration.hooks.beforeHandling.append(positions.hook) }
        return configuration
    }
}
