/// A client transport, by its name on the wire (`"ws"` or `"poll"`).
public enum TransportKind: String, Sendable, Hashable, CaseIterable {
    /// One WebSocket, one message per text frame.
    case ws
    /// HTTP long polling: a held poll carries the heartbeat, messages are POSTed separately.
    case poll
}
