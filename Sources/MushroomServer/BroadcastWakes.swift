import MushroomWebSocket
import Synchronization

/// The sockets a broadcast (`SessionList.notify`, `publish`) wakes, woken together once the
/// notification is queued for every session, with one task per event loop
/// (`WebSocketSocket.wake(_:)`), instead of one by one as the broadcast goes: the event loops then
/// write while the next broadcasts are queued, so more of them leave in one write, and a broadcast
/// costs each loop one task instead of one per socket. The messages are queued (and numbered) as
/// before, in order; only the wake-up waits for the end of the broadcast.
///
/// A broadcast installs its batch as a task-local value for as long as it queues; the sockets'
/// wake-ups (`WebSocketConnection`) join it. A wake-up after the batch ran (from a task the
/// broadcast started) wakes its socket at once.
final class BroadcastWakes: Sendable {
    @TaskLocal private static var current: BroadcastWakes?

    private let sockets = Mutex<[WebSocketSocket]?>([])

    /// Runs `broadcast` with a batch, then wakes every socket it woke.
    static func batching<Result>(_ broadcast: () throws -> Result) rethrows -> Result {
        let batch = BroadcastWakes()
        defer { batch.run() }
        return try $current.withValue(batch, operation: broadcast)
    }

    /// Wakes `socket` with the broadcast in progress, or at once when there is none.
    static func wake(_ socket: WebSocketSocket) {
        if let batch = current, batch.add(socket) { return }
        socket.wake()
    }

    /// Adds `socket`; false once the batch has run.
    private func add(_ socket: WebSocketSocket) -> Bool {
        sockets.withLock { sockets in
            guard sockets != nil else { return false }
            sockets?.append(socket)
            return true
        }
    }

    private func run() {
        let woken = sockets.withLock { sockets in
            defer { sockets = nil }
            return sockets ?? []
        }
        WebSocketSocket.wake(woken)
    }
}
