/// The two transports of the protocol, by their wire names.
public enum TransportKind: String, Sendable, Hashable, CaseIterable {
    /// WebSocket: one message per text frame.
    case webSocket = "ws"
    /// Long poll: POSTed arrays of messages, held polls.
    case poll
}
