import Foundation
import HeapModule

/// A request waiting for its answer. The continuation may arrive after the answer
/// (a very fast peer, or a cancellation racing the call); then the result waits here for it.
struct PendingRequest {
    let method: String
    let started: Date
    let timeout: Duration?
    var continuation: CheckedContinuation<JSONValue, any Error>?
    var result: Result<JSONValue, any Error>?
}

/// The engine's outstanding outbound requests, their deadlines in order, and a short memory of
/// those that timed out so that a late answer is told apart from a stray one.
struct RequestTable {
    /// When a request with a timeout gives up.
    struct Deadline: Comparable {
        let instant: ContinuousClock.Instant
        let id: MessageID

        static func < (left: Deadline, right: Deadline) -> Bool {
            (left.instant, left.id) < (right.instant, right.id)
        }
    }

    private(set) var pending: [MessageID: PendingRequest] = [:]
    /// Deadlines of pending requests, earliest first; entries of requests that finished earlier
    /// stay until they come up (or the heap is rebuilt), and are skipped.
    private var deadlines = Heap<Deadline>()
    private var timedOut: Set<MessageID> = []
    private var timedOutOrder: [MessageID] = []
    private static let timedOutMemory = 1024

    var count: Int { pending.count }

    /// The earliest deadline of a pending request.
    var earliestDeadline: ContinuousClock.Instant? { deadlines.min?.instant }

    mutating func insert(_ request: PendingRequest, id: MessageID, deadline: ContinuousClock.Instant?) {
        pending[id] = request
        guard let deadline else { return }
        deadlines.insert(Deadline(instant: deadline, id: id))
        // Entries of answered requests accumulate under a steady load; rebuild from the pending
        // ones when they are most of the heap.
        if deadlines.count > 64, deadlines.count > 2 * pending.count {
            deadlines = Heap(deadlines.unordered.filter { isUnfinished($0.id) })
        }
    }

    /// Removes the deadlines up to `now`; returns the ids of the pending requests they belong to.
    mutating func takeExpired(at now: ContinuousClock.Instant) -> [MessageID] {
        var expired: [MessageID] = []
        while let earliest = deadlines.min, earliest.instant <= now {
            deadlines.removeMin()
            if isUnfinished(earliest.id) { expired.append(earliest.id) }
        }
        return expired
    }

    /// Whether request `id` is pending without a result yet.
    private func isUnfinished(_ id: MessageID) -> Bool {
        pending[id].map { $0.result == nil } ?? false
    }

    /// Records the outcome of request `id`. Returns the request and, when its continuation is
    /// already installed, the continuation to resume (the entry is then gone); `nil` when the
    /// request is unknown or already finished.
    mutating func finish(
        _ id: MessageID, with result: Result<JSONValue, any Error>, timedOut isTimeout: Bool
    ) -> (request: PendingRequest, resume: CheckedContinuation<JSONValue, any Error>?)? {
        guard var entry = pending[id], entry.result == nil else { return nil }
        if isTimeout { rememberTimeout(id) }
        if let continuation = entry.continuation {
            pending[id] = nil
            return (entry, continuation)
        }
        entry.result = result
        pending[id] = entry
        return (entry, nil)
    }

    /// Installs the continuation of request `id`; returns the result to resume it with at once if the
    /// request already finished.
    mutating func install(_ continuation: CheckedContinuation<JSONValue, any Error>, for id: MessageID) -> Result<JSONValue, any Error>? {
        guard var entry = pending[id] else {
            return .failure(ConnectionLost("request \(id) was already discarded"))
        }
        if let result = entry.result {
            pending[id] = nil
            return result
        }
        entry.continuation = continuation
        pending[id] = entry
        return nil
    }

    /// Fails every unfinished request with `error`. Returns the failed requests and the
    /// continuations to resume; requests whose continuation is not yet installed keep the failure
    /// until it is.
    mutating func failAll(with error: any Error) -> [(id: MessageID, request: PendingRequest, resume: CheckedContinuation<JSONValue, any Error>?)] {
        var failed: [(id: MessageID, request: PendingRequest, resume: CheckedContinuation<JSONValue, any Error>?)] = []
        for id in pending.keys.sorted() {
            if let finished = finish(id, with: .failure(error), timedOut: false) {
                failed.append((id, finished.request, finished.resume))
            }
        }
        deadlines = Heap()
        timedOut.removeAll()
        timedOutOrder.removeAll()
        return failed
    }

    func hasTimedOut(_ id: MessageID) -> Bool { timedOut.contains(id) }

    private mutating func rememberTimeout(_ id: MessageID) {
        timedOut.insert(id)
        timedOutOrder.append(id)
        if timedOutOrder.count > Self.timedOutMemory {
            timedOut.remove(timedOutOrder.removeFirst())
        }
    }
}
