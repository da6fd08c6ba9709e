import DashboardModel
import Synchronization

/// The hand-off of command results from the tasks that perform commands to the dashboard's
/// thread, next to (and apart from) the engine events' inbox. Unbounded and never dropping: a
/// result answers a form the operator sent, so there are few, and each one is shown.
public final class ResultMailbox: Sendable {
    private let results = Mutex<[CommandResult]>([])

    /// An empty mailbox.
    public init() {}

    /// Queues a result for the next frame.
    public func post(_ result: CommandResult) {
        results.withLock { $0.append(result) }
    }

    /// Every result posted since the last drain, oldest first.
    public func drain() -> [CommandResult] {
        results.withLock { results in
            defer { results = [] }
            return results
        }
    }
}
