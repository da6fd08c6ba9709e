import MushroomRPC
import Synchronization

/// The messages an engine wrote for one connection, waiting to go on the wire. The engine's writer
/// pushes without blocking; the connection's sending task takes everything queued at once, which
/// lets the long poll batch several messages into one POST.
final class OutboundQueue: Sendable {
    private struct State {
        var messages: [Message] = []
        var waiter: CheckedContinuation<[Message]?, Never>?
        var finished = false
    }

    private let state = Mutex(State())

    /// Queues a message; ignored once the queue is finished.
    func push(_ message: Message) {
        let waiter = state.withLock { state -> CheckedContinuation<[Message]?, Never>? in
            guard !state.finished else { return nil }
            guard let waiter = state.waiter else {
                state.messages.append(message)
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: [message])
    }

    /// Ends the queue: a waiting `next()` returns `nil`.
    func finish() {
        let waiter = state.withLock { state in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// Everything queued, oldest first, waiting while the queue is empty; `nil` once it is finished
    /// or the calling task is cancelled.
    func next() async -> [Message]? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> [Message]?? in
                    if !state.messages.isEmpty {
                        defer { state.messages.removeAll() }
                        return .some(state.messages)
                    }
                    if state.finished { return .some(nil) }
                    state.waiter = continuation
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            finish()
        }
    }
}
