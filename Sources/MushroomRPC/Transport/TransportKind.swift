/// The transports a session can use (PROTOCOL.md, bootstrap): the bootstrap offers them by these
/// names, and the server picks one for the session's life.
public enum TransportKind: String, Sendable, Hashable, CaseIterable {
    /// One WebSocket: one message per text frame.
    case webSocket = "ws"
    /// HTTP long polling: POSTed arrays of messages, and a held poll carrying the Heartbeat.
    case poll
}

/// Which side of a session an engine serves.
public enum SessionSide: Sendable, Hashable {
    case client
    case server
}

/// The end of a transport an engine serves: the protocol rules that differ between the transports
/// and the sides (PROTOCOL.md) follow from it, here and nowhere else. Transports move frames and
/// report their connection's state; the engine applies these rules.
public struct TransportEnd: Sendable, Hashable {
    public let kind: TransportKind
    public let side: SessionSide

    public init(_ kind: TransportKind, _ side: SessionSide) {
        self.kind = kind
        self.side = side
    }

    /// How received messages are acknowledged: a WebSocket server acknowledges every message as
    /// the reference does, a WebSocket client after `batch` (or immediately without one), and
    /// neither side of a long poll by itself, because every poll carries the Heartbeat.
    public func acknowledgement(batch: AcknowledgementBatch? = nil) -> AcknowledgementPolicy {
        switch (kind, side) {
        case (.poll, _): .manual
        case (.webSocket, .server): .immediate
        case (.webSocket, .client): batch.map { .batched(everyMessages: $0.everyMessages, idle: $0.idle) } ?? .immediate
        }
    }

    /// Whether a resumed connection begins with a Heartbeat, even when nothing was received. A
    /// WebSocket server does so: a socket closed before any message is how the reference server
    /// refuses a session it forgot, and a client that sees one asks the server whether the session
    /// still exists; the greeting spares a quiet session's client that question.
    var greetsResumedConnections: Bool { kind == .webSocket && side == .server }

    /// Whether the peer's answer to a write confirms delivery: a long-poll client's POST answered
    /// with `200` reached the server, before any Heartbeat says so.
    var confirmsDeliveryWhenAnswered: Bool { kind == .poll && side == .client }
}

/// When a WebSocket client acknowledges: after `everyMessages` inbound messages, or once the
/// inbound side has been quiet for `idle`.
public struct AcknowledgementBatch: Sendable, Hashable {
    public var everyMessages: Int
    public var idle: Duration

    public init(everyMessages: Int, idle: Duration) {
        self.everyMessages = everyMessages
        self.idle = idle
    }
}
