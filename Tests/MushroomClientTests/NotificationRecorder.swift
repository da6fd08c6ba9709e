import MushroomRPC
import Synchronization

/// A handler that records the notifications it receives and answers requests with MethodNotFound.
final class NotificationRecorder: RPCHandler {
    struct Received: Sendable, Hashable {
        let id: MessageID
        let method: String
        let data: JSONValue
    }

    private let stream: AsyncStream<Received>
    private let sink: AsyncStream<Received>.Continuation
    private let all = Mutex<[Received]>([])

    init() {
        (stream, sink) = AsyncStream<Received>.makeStream()
    }

    func handle(_ call: RPCCall) async throws -> JSONValue {
        guard call.kind == .notification else { throw MethodNotFound(call.method) }
        let received = Received(id: call.id, method: call.method, data: call.data)
        all.withLock { $0.append(received) }
        sink.yield(received)
        return .null
    }

    /// Everything received so far.
    var received: [Received] { all.withLock { $0 } }

    /// Waits for the next `count` notifications (only one caller may wait at a time).
    func first(_ count: Int) async throws -> [Received] {
        var result: [Received] = []
        for await received in stream {
            result.append(received)
            if result.count == count { break }
        }
        guard result.count == count else { throw CancellationError() }
        return result
    }
}
