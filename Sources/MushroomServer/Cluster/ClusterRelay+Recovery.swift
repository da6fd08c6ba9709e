import MushroomRPC
import Synchronization

/// Positioned subscriptions: a session joins the stream with positions, after what it missed.
extension ClusterRelay {
    /// Joins `session`, created held (`ClusterDelivery.isHeld`), to the stream with positions:
    /// with `since`, what it missed after it is delivered first, from the log, exactly once and in
    /// order, then the live stream follows. The reader does it between two reads, so nothing is
    /// delivered twice or skipped at the seam. Waits at most `timeout` for a log that is
    /// unreachable; then the session joins at the reader's position, told it was not recovered.
    func recover(_ session: Session, since: StreamPosition?, timeout: Duration) async -> RecoveryOutcome {
        let request = PendingRecovery(session: session, since: since)
        let watchdog = Task { [weak self] in
            guard (try? await Task.sleep(for: timeout)) != nil, let self else { return }
            self.withdraw(request, reason: "the cluster's log did not answer within \(timeout.secondsDescription)")
        }
        defer { watchdog.cancel() }
        return await withCheckedContinuation { continuation in
            request.set(continuation)
            recoveries.withLock { $0.append(request) }
            recoveryQueued.fire()
        }
    }

    /// Answers a recovery the reader has not begun: the session joins where the reader is.
    private func withdraw(_ request: PendingRecovery, reason: String) {
        let wasQueued = recoveries.withLock { queue in
            guard let index = queue.firstIndex(where: { $0 === request }) else { return false }
            queue.remove(at: index)
            return true
        }
        guard wasQueued else { return }
        let position = delivered.withLock { $0 }
        Self.join(request.session, after: position?.offset ?? 0)
        request.resolve(RecoveryOutcome(position: position, recovered: request.since == nil, reason: request.since == nil ? nil : reason))
    }

    /// Runs the queued recoveries at the reader's `position`; one that the log fails goes back to
    /// the front of the queue.
    func recoverQueued(at position: StreamPosition, into sessions: SessionList) async throws {
        while let request = recoveries.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
            do {
                request.resolve(try await recover(request, at: position, into: sessions))
            } catch {
                recoveries.withLock { $0.insert(request, at: 0) }
                throw error
            }
        }
    }

    private func recover(_ request: PendingRecovery, at position: StreamPosition, into sessions: SessionList) async throws -> RecoveryOutcome {
        let session = request.session
        guard let since = request.since else {
            Self.join(session, after: position.offset)
            return RecoveryOutcome(position: position, recovered: true)
        }
        guard since.epoch == position.epoch else {
            Self.join(session, after: position.offset)
            return RecoveryOutcome(
                position: position, recovered: false,
                reason: "epoch \(since.epoch) is gone: the cluster's log was created anew (epoch \(position.epoch))")
        }
        guard since.offset < position.offset else {
            // It came from a node that was ahead of this one: what it received is skipped here.
            Self.join(session, after: since.offset)
            return RecoveryOutcome(position: since, recovered: true)
        }
        // A retry after the log failed mid-way goes on after what reached the session.
        var after = request.deliveredUpTo ?? since.offset
        while after < position.offset {
            let (epoch, page) = try await log.read(after: after, limit: Self.readLimit)
            guard epoch == position.epoch, let first = page.first, first.offset == after + 1 else {
                Self.join(session, after: position.offset)
                return RecoveryOutcome(
                    position: position, recovered: false,
                    reason: "the publications after offset \(after) are no longer kept (the retention window has passed)")
            }
            let missed = page.prefix { $0.offset <= position.offset }
            sessions.deliver(missed, epoch: epoch, recoveringTo: session)
            after = missed.last?.offset ?? position.offset
            request.deliveredUpTo = after
        }
        Self.join(session, after: position.offset)
        logger.debug("cluster: session \(session.id) recovered \(position.offset - since.offset) publications after \(since)")
        return RecoveryOutcome(position: position, recovered: true)
    }

    /// Lets the live stream reach `session` with positions, from the offset after `offset`.
    private static func join(_ session: Session, after offset: Int64) {
        session.clusterDelivery.withLock { delivery in
            delivery.isHeld = false
            delivery.isPositioned = true
            delivery.floor = max(delivery.floor, offset)
        }
    }
}

/// A positioned subscription waiting for the reader; answered once.
final class PendingRecovery: Sendable {
    let session: Session
    let since: StreamPosition?
    private let continuation = Mutex<CheckedContinuation<RecoveryOutcome, Never>?>(nil)
    private let progress = Mutex<Int64?>(nil)

    /// The offset up to which the missed publications reached the session, once some did.
    var deliveredUpTo: Int64? {
        get { progress.withLock { $0 } }
        set { progress.withLock { $0 = newValue } }
    }

    init(session: Session, since: StreamPosition?) {
        self.session = session
        self.since = since
    }

    func set(_ continuation: CheckedContinuation<RecoveryOutcome, Never>) {
        self.continuation.withLock { $0 = continuation }
    }

    func resolve(_ outcome: RecoveryOutcome) {
        continuation.withLock { $0.take() }?.resume(returning: outcome)
    }
}
