import Foundation

/// A request waiting for its answer. The continuation may arrive after the answer
/// (a very fast peer, or a cancellation racing the call); then the result waits here for it.
struct PendingRequest {
    let method: String
    let started: Date
    let timeout: Duration?
    var continuation: CheckedContinuation<JSONValue, any Error>?
    var result: Result<JSONValue, any Error>?
    var timeoutTask: Task<Void, Never>?
}

/// The engine's outstanding outbound requests, and a short memory of those that timed out
/// so that a late answer is told apart from a stray one.
struct RequestTable {
    private(set) var pending: [MessageID: PendingRequest] = [:]
    private var timedOut: Set<MessageID> = []
    private var timedOutOrder: [MessageID] = []
    private static let timedOutMemory = 1024

    var count: Int { pending.count }

    mutating func insert(_ request: PendingRequest, id: MessageID) {
        pending[id] = request
    }

    mutating func setTimeoutTask(_ task: Task<Void, Never>, for id: MessageID) -> Bool {
        guard pending[id] != nil, pending[id]?.result == nil else { return false }
        pending[id]?.timeoutTask = task
        return true
    }

    /// Records the outcome of request `id`. Returns the request and, when its continuation is
    /// already installed, the continuation to resume (the entry is then gone); `nil` when the
    /// request is unknown or already finished.
    mutating func finish(
        _ id: MessageID, with result: Result<JSONValue, any Error>, timedOut isTimeout: Bool
    ) -> (request: PendingRequest, resume: CheckedContinuation<JSONValue, any Error>?)? {
        guard var entry = pending[id], entry.result == nil else { return nil }
        entry.timeoutTask?.cancel()
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
