import MushroomRPC
import Synchronization

/// The client application: records the `n` of every `seq` notification in the order handled, and
/// answers requests from the server with MethodNotFound.
final class SequenceRecorder: RPCHandler {
    private let numbers = Mutex<[Int64]>([])

    func handle(_ call: RPCCall) async throws -> JSONValue {
        guard call.kind == .notification, call.method == "seq" else { throw MethodNotFound(call.method) }
        let n = call.data.objectValue?["n"]?.integerValue ?? -1
        numbers.withLock { $0.append(n) }
        return .null
    }

    /// Every `n` received so far, in order (-1 for a notification without one).
    var received: [Int64] { numbers.withLock { $0 } }

    /// How many notifications were received.
    var count: Int { numbers.withLock { $0.count } }
}
