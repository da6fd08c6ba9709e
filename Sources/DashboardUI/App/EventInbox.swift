import MushroomRPC
import Synchronization

/// The hand-off from the network side to the dashboard's thread: `post` never blocks for long
/// (one short lock), `drain` takes everything posted since the last drain. Bounded: beyond
/// `capacity` undrained events the oldest are dropped and counted, so a stalled screen cannot
/// grow memory. `close(reason:)` ends the dashboard that drains it (the connection could not open).
public final class EventInbox: Sendable {
    private struct State {
        var events: [EngineEvent] = []
        var dropped = 0
        var closeReason: String?
    }

    private let state = Mutex(State())
    /// Undrained events kept at most.
    public let capacity: Int

    /// An empty inbox holding at most `capacity` undrained events.
    public init(capacity: Int = 100_000) {
        self.capacity = max(1, capacity)
    }

    /// Queues an event for the next frame.
    public func post(_ event: EngineEvent) {
        state.withLock { state in
            if state.events.count >= capacity {
                state.events.removeFirst(state.events.count - capacity + 1)
                state.dropped += 1
            }
            state.events.append(event)
        }
    }

    /// Everything queued, oldest first, and how many events were dropped since the last drain.
    public func drain() -> (events: [EngineEvent], dropped: Int) {
        state.withLock { state in
            defer {
                state.events = []
                state.dropped = 0
            }
            return (state.events, state.dropped)
        }
    }

    /// Asks the dashboard to end with `reason` (one sentence for the operator).
    public func close(reason: String) {
        state.withLock { $0.closeReason = $0.closeReason ?? reason }
    }

    /// Why the inbox was closed, once it was.
    public var closeReason: String? {
        state.withLock { $0.closeReason }
    }

    /// Posts every event of `stream` until it ends (run it in a task next to the dashboard).
    public func pump(_ stream: some AsyncSequence<EngineEvent, Never>) async {
        for await event in stream { post(event) }
    }
}
