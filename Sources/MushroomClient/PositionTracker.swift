import MushroomRPC
import Synchronization

/// The position of the last positioned notification a client took in (before its handler ran):
/// where a new session asks to recover from.
final class PositionTracker: Sendable {
    private let latest = Mutex<StreamPosition?>(nil)

    var position: StreamPosition? { latest.withLock { $0 } }

    /// Takes `position` as the latest: where a session joined the stream without recovering.
    func restart(at position: StreamPosition) {
        latest.withLock { $0 = position }
    }

    /// The engine hook that records each positioned notification's position.
    var hook: MessageHooks.Hook {
        { [weak self] message, _ in
            guard case .notification(let notification) = message, let position = notification.position else { return }
            self?.latest.withLock { $0 = position }
        }
    }
}
