import DashboardModel
import MushroomRPC
import Synchronization

/// Where the dashboard's thread finds the engines' events: each server's engine has its own
/// bounded subscription (`Engine.events()`), attached once its client exists, the one queue
/// between that engine and the screen, so that a server that floods fills and drops only its
/// own. `drain` takes everything waiting, without a task or a wake-up per event, and says
/// exactly how many events each subscription dropped because the screen fell behind (and which
/// notifications, by method, so that the model still counts them). Before a subscription is
/// attached, the owner posts what the screen should show (the bootstrap under way).
/// `close(reason:)` ends the dashboard that drains it (the connection could not open).
/// Servers are numbered as in `DashboardConfiguration.servers`; the first is 0, the default.
public final class EventInbox: Sendable {
    private struct State {
        var posted: [Int: [EngineEvent]] = [:]
        var subscriptions: [Int: EventSubscription] = [:]
        var closeReason: String?
        var notice: String?
    }

    private let state = Mutex(State())

    /// An inbox with nothing attached yet.
    public init() {}

    /// Queues an event of the owner's own about `server` for the next frame (only a few: the
    /// engine's events come through the attached subscription).
    public func post(_ event: EngineEvent, server: Int = 0) {
        state.withLock { $0.posted[server, default: []].append(event) }
    }

    /// Takes the events of `server`'s engine from `subscription` from now on.
    public func attach(_ subscription: EventSubscription, server: Int = 0) {
        state.withLock { $0.subscriptions[server] = subscription }
    }

    /// Everything waiting, by server in index order, oldest first within a server (posted events
    /// before the subscription's), with what each subscription dropped since the last drain;
    /// servers with nothing waiting are left out.
    public func drain() -> [ServerBatch] {
        let (posted, subscriptions) = state.withLock { state in
            defer { state.posted = [:] }
            return (state.posted, state.subscriptions)
        }
        return Set(posted.keys).union(subscriptions.keys).sorted().compactMap { server in
            let mine = posted[server] ?? []
            guard let batch = subscriptions[server]?.drain() else {
                return mine.isEmpty ? nil : ServerBatch(server: server, batch: EventSubscription.Batch(events: mine))
            }
            guard !mine.isEmpty || !batch.events.isEmpty || batch.dropped > 0 else { return nil }
            return ServerBatch(
                server: server,
                batch: EventSubscription.Batch(events: mine + batch.events, dropped: batch.dropped, droppedNotifications: batch.droppedNotifications))
        }
    }

    /// The number of posted events not drawn yet: a producer posting many (a recording played)
    /// waits while it is high.
    public var postedCount: Int {
        state.withLock { $0.posted.values.reduce(0) { $0 + $1.count } }
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
