import Synchronization

/// Counts calls, failures and time spent per method.
public final class MethodStatistics: RPCMiddleware {
    /// The figures of one method.
    public struct Figures: Sendable, Hashable {
        public var calls = 0
        public var failures = 0
        public var totalDuration = Duration.zero
        public var maximumDuration = Duration.zero

        /// The mean duration of a call.
        public var meanDuration: Duration { calls == 0 ? .zero : totalDuration / calls }
    }

    private let figures = Mutex<[String: Figures]>([:])

    public init() {}

    /// The figures so far, by method name.
    public var snapshot: [String: Figures] { figures.withLock { $0 } }

    public func handle(_ call: RPCCall, next: any RPCHandler) async throws -> JSONValue {
        let clock = ContinuousClock()
        let start = clock.now
        var failed = true
        defer {
            let elapsed = clock.now - start
            figures.withLock { figures in
                figures[call.method, default: Figures()].calls += 1
                figures[call.method]?.totalDuration += elapsed
                if failed { figures[call.method]?.failures += 1 }
                if let maximum = figures[call.method]?.maximumDuration, elapsed > maximum {
                    figures[call.method]?.maximumDuration = elapsed
                }
            }
        }
        let result = try await next.handle(call)
        failed = false
        return result
    }
}
