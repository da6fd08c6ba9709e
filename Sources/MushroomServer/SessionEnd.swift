import MushroomRPC

/// Why a session ended; transports turn it into what the client sees (a WebSocket close code,
/// a Disconnect in the last poll answer).
public enum SessionEnd: Sendable, Hashable, CustomStringConvertible {
    /// The client sent a Disconnect `[-1]`.
    case clientLeft
    /// A WebSocket session's socket closed and no new one came within the grace period.
    case notResumed
    /// A long-poll session was not polled within its maximum age.
    case expired
    /// A WebSocket session's socket was never opened.
    case neverOpened
    /// The client fell so far behind that the outbound buffer reached its bound.
    case slowConsumer(OutboundBufferFull)
    /// The server is shutting down; the client was sent a Disconnect.
    case shutdown
    /// An operator ended it (`mushroom.session.end`); the client was sent a Disconnect.
    case endedByOperator

    public var description: String {
        switch self {
        case .clientLeft: "the client disconnected"
        case .notResumed: "the socket closed and the client did not resume within the grace period"
        case .expired: "the long-poll session expired without a poll"
        case .neverOpened: "the session expired before its socket was opened"
        case .slowConsumer(let full): "slow consumer: \(full.amount) waiting for acknowledgement"
        case .shutdown: "the server is shutting down"
        case .endedByOperator: "an operator ended the session"
        }
    }

    /// Whether the client is told with a Disconnect `[-1]`.
    var sendsDisconnect: Bool { self == .shutdown || self == .endedByOperator }
}
