import MushroomRPC
import Synchronization

/// Where the dashboard's thread finds the engine's events: the engine's own bounded subscription
/// (`Engine.events()`), attached once the client exists, is the one queue between the engine and
/// the screen. `drain` takes everything waiting, without a task or a wake-up per event, and says
/// exactly how many events the subscription dropped because the screen fell behind (and which
/// notifications, by method, so that the model still counts them). Before a
/// subscription is attached, the owner posts what the screen should show (the bootstrap under
/// way). `close(reason:)` ends the dashboard that drains it (the connection could not open).
public final class EventInbox: Sendable {
    private struct State {
        var posted: [EngineEvent] = []
        var subscription: EventSubscription?
        var closeReason: String?
        var notice: String?
    }

    private let state = Mutex(State())

    /// An inbox with nothing attached yet.
    public init() {}

    /// Queues an event of the owner's own for the next frame (only a few: the engine's events
    /// come through the attached subscription).
    public func post(_ event: EngineEvent) {
        state.withLock { $0.posted.append(event) }
    }

    /// Takes the engine's events from `subscription` from now on.
    public func attach(_ subscription: EventSubscription) {
        state.withLock { $0.subscription = subscription }
    }

    /// Everything waiting, oldest first (posted events before the subscription's), and what the
    /// subscription dropped since the last drain.
    public func drain() -> EventSubscription.Batch {
        let (posted, subscription) = state.withLock { state in
            defer { state.posted = [] }
            return (state.posted, state.subscription)
        }
        guard let batch = subscription?.drain() else { return EventSubscription.Batch(events: posted) }
        guard !posted.isEmpty else { return batch }
        return EventSubscription.Batch(
            events: posted + batch.events, dropped: batch.dropped, droppedNotifications: batch.droppedNotifications)
    }

    /// The number of posted events not drawn yet: a producer posting many (a recording played)
    /// waits while it is high.
    public var postedCount: Int {
        state.withLock { $0.posted.count }
    }

    /// Asks the dashboard to show `notice` (one sentence, e.g. that its recording stopped) in its footer.
    public func post(notice: String) {
        state.withLock { $0.notice = notice }
    }

    /// The notice posted since the last call, if any.
    public func takeNotice() -> String? {
        state.withLock { $0.notice.take() }
    }

    /// Asks the dashboard to end with `reason` (one sentence for the operator).
    public func close(reason: String) {
        state.withLock { $0.closeReason = $0.closeReason ?? reason }
    }

    /// Why the inbox was closed, once it was.
    public var closeReason: String? {
        state.withLock { $0.closeReason }
    }
}
