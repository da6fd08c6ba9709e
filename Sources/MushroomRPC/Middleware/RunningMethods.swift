import Foundation
import Synchronization

/// Tracks the calls being handled right now.
public final class RunningMethods: RPCMiddleware {
    /// A call in progress.
    public struct RunningCall: Sendable, Hashable {
        public let id: MessageID
        public let method: String
        public let started: Date
    }

    private let running = Mutex<[Int: RunningCall]>([:])
    private let nextKey = Atomic<Int>(0)
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// The calls in progress, oldest first.
    public var calls: [RunningCall] {
        running.withLock { Array($0.values) }.sorted { ($0.started, $0.id) < ($1.started, $1.id) }
    }

    public func handle(_ call: RPCCall, next: any RPCHandler) async throws -> JSONValue {
        let key = nextKey.add(1, ordering: .relaxed).newValue
        running.withLock { $0[key] = RunningCall(id: call.id, method: call.method, started: now()) }
        defer { _ = running.withLock { $0.removeValue(forKey: key) } }
        return try await next.handle(call)
    }
}
