import Synchronization

/// A queue with one consumer that takes everything queued at once: producers push without
/// blocking, the consumer's `next()` waits while the queue is empty and then returns all of it,
/// oldest first. An engine's inbound notifications go through one, so that under load a wake-up
/// of the task that hands them to the handler carries many.
package final class BatchQueue<Element: Sendable>: Sendable {
    private struct State {
        var elements: [Element] = []
        var waiter: CheckedContinuation<[Element]?, Never>?
        var finished = false
    }

    private let state = Mutex(State())

    package init() {}

    /// Queues an element; ignored once the queue is finished.
    package func push(_ element: Element) {
        let waiter = state.withLock { state -> CheckedContinuation<[Element]?, Never>? in
            guard !state.finished else { return nil }
            guard let waiter = state.waiter else {
                state.elements.append(element)
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: [element])
    }

    /// Queues an element without waking a waiting consumer: `wakeConsumer()` hands over all that
    /// was queued this way at once, so that many elements pushed together cost one wake-up.
    /// Ignored once the queue is finished.
    package func pushHoldingWake(_ element: Element) {
        state.withLock { state in
            guard !state.finished else { return }
            state.elements.append(element)
        }
    }

    /// Hands everything queued to a waiting consumer.
    package func wakeConsumer() {
        let handOff = state.withLock { state -> (CheckedContinuation<[Element]?, Never>, [Element])? in
            guard let waiter = state.waiter, !state.elements.isEmpty else { return nil }
            state.waiter = nil
            var batch: [Element] = []
            swap(&batch, &state.elements)
            return (waiter, batch)
        }
        if let (waiter, batch) = handOff { waiter.resume(returning: batch) }
    }

    /// Everything queued, oldest first, at once, for a consumer that does not wait.
    package func drain() -> [Element] {
        state.withLock { state in
            var batch: [Element] = []
            swap(&batch, &state.elements)
            return batch
        }
    }

    /// Whether the consumer waits in `next()`.
    package var isConsumerWaiting: Bool { state.withLock { $0.waiter != nil } }

    /// Ends the queue: a waiting `next()` returns `nil`, and so does any later one once what is
    /// queued has been taken.
    package func finish() {
        let waiter = state.withLock { state in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// Everything queued, oldest first, waiting while the queue is empty; `nil` once it is finished
    /// and empty, or the calling task is cancelled.
    package func next() async -> [Element]? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> [Element]?? in
                    if !state.elements.isEmpty {
                        var batch: [Element] = []
                        swap(&batch, &state.elements)
                        return .some(batch)
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
