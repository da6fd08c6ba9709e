import DashboardModel
import Foundation
import MushroomRPC
import Synchronization

/// A dashboard model fed by a client's events, as `mushroom dash` feeds it, without the screen.
final class DashboardFeed: Sendable {
    private let model = Mutex(DashboardModel())
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(_ events: EventSubscription) {
        let task = Task { [self] in
            for await event in events {
                model.withLock { $0.ingest(event) }
            }
        }
        self.task.withLock { $0 = task }
    }

    /// What the dashboard would show now.
    var snapshot: DashboardSnapshot { model.withLock { $0.snapshot(at: Date()) } }

    /// Stops feeding.
    func finish() async {
        let task = self.task.withLock { $0 }
        task?.cancel()
        await task?.value
    }
}
