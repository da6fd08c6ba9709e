import Logging

/// Logs a warning for every call that takes longer than `threshold`.
public struct SlowMethodLog: RPCMiddleware {
    public let threshold: Duration
    public let logger: Logger

    public init(threshold: Duration, logger: Logger = Logger(label: "mushroom.slow-methods")) {
        self.threshold = threshold
        self.logger = logger
    }

    public func handle(_ call: RPCCall, next: any RPCHandler) async throws -> JSONValue {
        let clock = ContinuousClock()
        let start = clock.now
        defer {
            let elapsed = clock.now - start
            if elapsed > threshold {
                logger.warning("slow method '\(call.method)' (id \(call.id)) took \(elapsed.secondsDescription)")
            }
        }
        return try await next.handle(call)
    }
}
