import Synchronization

/// The counts of one run, updated from any task: what was started, answered, refused or failed
/// over the whole run, and what completed inside the measurement window.
public final class LoadTally: Sendable {
    private let counters = Mutex(LoadCounts())

    public init() {}

    /// Applies `change` to the counts.
    public func update(_ change: (inout LoadCounts) -> Void) {
        counters.withLock { change(&$0) }
    }

    /// The counts so far.
    public var counts: LoadCounts { counters.withLock { $0 } }
}

/// What one run did.
public struct LoadCounts: Sendable, Hashable {
    /// Requests (or publishes) sent, over the whole run.
    public var sent = 0
    /// Those answered with the expected Response.
    public var answered = 0
    /// Those answered with an Error reply or an unexpected Response.
    public var refused = 0
    /// Those that timed out or whose connection was lost.
    public var failed = 0
    /// Notifications delivered to subscribers, over the whole run (`fanout`).
    public var delivered = 0
    /// Notifications published but never delivered (`fanout`).
    public var lost = 0
    /// Operations (answers, or deliveries for `fanout`) completed inside the measurement window.
    public var measured = 0

    public init() {}

    /// Requests refused or failed.
    public var errors: Int { refused + failed }
}
