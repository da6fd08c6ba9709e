import Foundation
import MushroomRPC
import Synchronization

/// A subscriber's application: records every notification of `method` (its data's integer, and
/// its position) in the order taken in, and answers requests from the server with MethodNotFound.
final class StreamRecorder: ImmediateNotificationHandler {
    struct Entry: Sendable, Hashable {
        let value: Int64
        let position: StreamPosition?
    }

    let method: String
    private let entries = Mutex<[Entry]>([])

    init(method: String) {
        self.method = method
    }

    func handle(_ call: RPCCall) async throws -> JSONValue {
        guard call.kind == .notification else { throw MethodNotFound(call.method) }
        receiveNotifications([call])
        return .null
    }

    func receiveNotifications(_ calls: [RPCCall]) {
        let taken = calls.filter { $0.method == method }.map { Entry(value: $0.data.integerValue ?? -1, position: $0.position) }
        guard !taken.isEmpty else { return }
        entries.withLock { $0 += taken }
    }

    /// Every value received so far, in order.
    var values: [Int64] { entries.withLock { $0.map(\.value) } }

    /// Every entry received so far, in order.
    var received: [Entry] { entries.withLock { $0 } }

    /// Waits until `count` values arrived, polling, at most `timeout`; returns the values.
    @discardableResult
    func waitFor(_ count: Int, timeout: Duration = .seconds(20)) async -> [Int64] {
        let deadline = ContinuousClock.now + timeout
        while entries.withLock({ $0.count }) < count, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return values
    }
}
