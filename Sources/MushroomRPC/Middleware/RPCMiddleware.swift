/// Wraps a handler: sees every call on its way in and the outcome on its way out
/// (the reference's handler middleware). Compose with `RPCHandler.wrapped(by:)`.
///
/// ```swift
/// let statistics = MethodStatistics()
/// let handler = dispatcher
///     .wrapped(by: SlowMethodLog(threshold: .milliseconds(500)))
///     .wrapped(by: statistics)
/// ```
public protocol RPCMiddleware: Sendable {
    func handle(_ call: RPCCall, next: any RPCHandler) async throws -> JSONValue
}

/// A handler behind a middleware.
public struct MiddlewareHandler: RPCHandler {
    public let middleware: any RPCMiddleware
    public let next: any RPCHandler

    public func handle(_ call: RPCCall) async throws -> JSONValue {
        try await middleware.handle(call, next: next)
    }
}

extension RPCHandler {
    /// This handler with `middleware` in front of it.
    public func wrapped(by middleware: some RPCMiddleware) -> MiddlewareHandler {
        MiddlewareHandler(middleware: middleware, next: self)
    }
}
