/// The family of RPC errors: catch `any RPCError` to handle them all.
///
/// A handler that throws one answers the Request with an Error reply carrying `replyData`;
/// any other error becomes `"Internal server error"` on the wire.
public protocol RPCError: Error, Sendable, CustomStringConvertible {
    /// The data of the Error reply sent when a handler throws this error.
    var replyData: JSONValue { get }
}

/// No method of that name: the Error reply carries the looked-up name (e.g. `"rpc_nope"`).
public struct MethodNotFound: RPCError, Hashable {
    public let methodName: String
    public init(_ methodName: String) { self.methodName = methodName }
    public var replyData: JSONValue { .string(methodName) }
    public var description: String { "method not found: \(methodName)" }
}

/// The peer answered a request with an Error reply; `data` is what it sent.
/// Thrown by a handler, its data is carried through to the reply (the reference loses it).
public struct RequestException: RPCError, Hashable {
    public let data: JSONValue
    public init(_ data: JSONValue) { self.data = data }
    public var replyData: JSONValue { data }
    public var description: String { "the peer answered with an error: \(data)" }
}

/// No answer came within the request's timeout; the pending request was removed.
public struct RequestTimeout: RPCError, Hashable {
    public let method: String
    public let timeout: Duration
    public init(method: String, timeout: Duration) {
        self.method = method
        self.timeout = timeout
    }
    public var replyData: JSONValue { .string(description) }
    public var description: String { "request '\(method)' timed out after \(timeout.secondsDescription)" }
}

/// A handler's failure with a message, sent as the Error reply's data (the reference's `RpcError(message)`).
public struct RPCFailure: RPCError, Hashable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var replyData: JSONValue { .string(message) }
    public var description: String { message }
}

/// The connection or session ended before the request was answered.
public struct ConnectionLost: RPCError, Hashable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var replyData: JSONValue { .string(description) }
    public var description: String { "connection lost: \(reason)" }
}

/// The outbound buffer is at its bound of unacknowledged messages or bytes: the peer is not
/// keeping up.
public struct OutboundBufferFull: RPCError, Hashable {
    /// The bound that was reached.
    public enum Bound: Sendable, Hashable {
        /// This many messages were waiting.
        case messages(Int)
        /// One more message would have left more than this many bytes waiting.
        case bytes(Int)
    }

    public let bound: Bound
    public init(_ bound: Bound) { self.bound = bound }
    public var replyData: JSONValue { .string(description) }
    public var description: String { "outbound buffer full: \(amount) waiting for acknowledgement" }

    /// What was waiting: "3 messages", "more than 1024 bytes".
    public var amount: String {
        switch bound {
        case .messages(let limit): "\(limit) messages"
        case .bytes(let limit): "more than \(limit) bytes"
        }
    }
}
