/// One inbound call, as a handler sees it: a Request (answered with the handler's result)
/// or a Notification (whose result is discarded).
public struct RPCCall: Sendable {
    public enum Kind: Sendable, Hashable {
        case request
        case notification
    }

    public let kind: Kind
    /// The id of the Request or Notification.
    public let id: MessageID
    public let method: String
    public let data: JSONValue
    /// The engine the call arrived on, to call the peer back (e.g. `engine.request("client.ping")`).
    public let engine: Engine
    /// A positioned notification's place in its cluster's stream.
    public let position: StreamPosition?

    public init(kind: Kind, id: MessageID, method: String, data: JSONValue, engine: Engine, position: StreamPosition? = nil) {
        self.kind = kind
        self.id = id
        self.method = method
        self.data = data
        self.engine = engine
        self.position = position
    }
}

/// Answers inbound calls. Return the Response data, or throw: an `RPCError` becomes an Error reply
/// with its `replyData`; anything else becomes `"Internal server error"`.
///
/// Notifications are handed over in arrival order, one batch at a time: those that arrived
/// together (one socket read, one poll answer) come in one `handleNotifications(_:)` call. By
/// default each goes to `handle(_:)` in turn; a handler that takes many notifications overrides
/// it and pays per batch what it would otherwise pay per notification.
public protocol RPCHandler: Sendable {
    func handle(_ call: RPCCall) async throws -> JSONValue
    /// Handles notifications that arrived together, oldest first.
    func handleNotifications(_ calls: [RPCCall]) async
}

extension RPCHandler {
    /// Each notification to `handle(_:)` in turn; a failure is logged and the next one handled.
    public func handleNotifications(_ calls: [RPCCall]) async {
        for call in calls {
            do {
                _ = try await handle(call)
            } catch {
                call.engine.log(.info, "notification \(call.id) '\(call.method)' failed: \(error)")
            }
        }
    }
}

/// The handler that knows no methods: every call fails with `MethodNotFound` (the reference's `dummy_rpc_handler`).
public struct MethodNotFoundHandler: RPCHandler {
    public init() {}
    public func handle(_ call: RPCCall) async throws -> JSONValue {
        throw MethodNotFound(call.method)
    }
}

/// A handler whose notifications are handled where they arrive: on the transport's thread, as a
/// socket read or poll answer ends, with no task woken for them. For handlers that only count,
/// forward or drop notifications; anything that may block or wait belongs in
/// `handleNotifications(_:)` of a plain `RPCHandler`.
public protocol ImmediateNotificationHandler: RPCHandler {
    /// Takes notifications that arrived together, oldest first; must return quickly.
    func receiveNotifications(_ calls: [RPCCall])
}

extension ImmediateNotificationHandler {
    public func handleNotifications(_ calls: [RPCCall]) async {
        receiveNotifications(calls)
    }
}

/// A handler made from a closure.
public struct ClosureHandler: RPCHandler {
    private let body: @Sendable (RPCCall) async throws -> JSONValue
    public init(_ body: @escaping @Sendable (RPCCall) async throws -> JSONValue) { self.body = body }
    public func handle(_ call: RPCCall) async throws -> JSONValue { try await body(call) }
}
