import Synchronization

/// A queue emptied all at once by a consumer that is scheduled rather than awaited (`BatchQueue`
/// is the awaited kind): producers push without blocking, and the push that finds the queue
/// without a pending drain says so, so that exactly one drain is scheduled for whatever queues up
/// until it runs. Once closed, pushes are ignored. The WebSocket writers of the client and the
/// server queue an engine's outbound messages in one and drain it on their channel's event loop.
package final class DrainQueue<Element: Sendable>: Sendable {
    private struct State {
        var elements: [Element] = []
        var isDrainScheduled = false
        var isClosed = false
    }

    private let state = Mutex(State())

    package init() {}

    /// Queues `element`; returns whether the caller must schedule a `drain()` (none is pending).
    /// Returns false, and drops the element, once the queue is closed.
    package func push(_ element: Element) -> Bool {
        state.withLock { state in
            guard !state.isClosed else { return false }
            state.elements.append(element)
            defer { state.isDrainScheduled = true }
            return !state.isDrainScheduled
        }
    }

    /// Everything queued, oldest first; the next push schedules a drain again.
    package func drain() -> [Element] {
        state.withLock { state in
            state.isDrainScheduled = false
            var elements: [Element] = []
            swap(&elements, &state.elements)
            return elements
        }
    }

    /// Ignores every later push; what was queued before is still drained.
    package func close() {
        state.withLock { $0.isClosed = true }
    }
}
