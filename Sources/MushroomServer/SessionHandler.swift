import MushroomRPC

/// The application's say in a session's life (the reference's `session_authenticate`,
/// `session_connect` and `session_disconnect`). Every method has a default that does nothing
/// (and accepts every client).
public protocol SessionHandler: Sendable {
    /// Decides whether a bootstrap request may open a session; `auth` is the body's `auth` value
    /// (`null` when absent). Returning false answers `401` with `WWW-Authenticate: Mushroom` and
    /// creates no session.
    func authenticate(_ auth: JSONValue, transport: TransportKind) async -> Bool
    /// Called once a session exists, right after a successful bootstrap.
    func connect(_ session: Session) async
    /// Called once a session has ended; `session.end` says why.
    func disconnect(_ session: Session) async
}

extension SessionHandler {
    public func authenticate(_ auth: JSONValue, transport: TransportKind) async -> Bool { true }
    public func connect(_ session: Session) async {}
    public func disconnect(_ session: Session) async {}
}

/// The session handler that accepts every client and ignores connections and disconnections.
public struct OpenSessionHandler: SessionHandler {
    public init() {}
}
