import NIOWebSocket

/// Which end of a WebSocket a pipeline serves. A client masks every frame it sends with a fresh
/// key and a server must not (RFC 6455 5.1); a server refuses a client frame that is not masked.
public enum WebSocketRole: Sendable, Hashable {
    case client
    case server

    /// The masking key of a frame sent in this role: a fresh random one for a client, none for a server.
    var newMaskKey: WebSocketMaskingKey? { self == .client ? .random() : nil }
}
