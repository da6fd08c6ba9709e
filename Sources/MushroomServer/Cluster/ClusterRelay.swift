import DequeModule
import Logging
import MushroomRPC
import ServiceLifecycle
import Synchronization

/// A node's two loops through its cluster log: publications made here wait in a bounded queue
/// and are stored in batches (group commit, one transaction for whatever queued up during the
/// previous one); everything stored, by any node, is read in offset order from where the node
/// started and delivered to this node's sessions (`SessionList.deliver(_:epoch:)`). Every node
/// therefore delivers in the same cluster-wide order, its own publications included.
///
/// While the log is unreachable the node goes on serving its sessions and says so once in its
/// log; publications wait (up to `maximumUnstoredPublications`, refused beyond it) and reading
/// resumes from the cursor, so nothing in between is skipped or delivered twice.
final class ClusterRelay: Sendable {
    /// The most publications stored in one transaction.
    static let maximumBatch = 1_000
    /// The most publications read in one query.
    static let readLimit = 1_000
    /// The longest wait between retries while the log is unreachable.
    static let maximumBackoff: Duration = .seconds(2)

    private struct Outbox {
        var waiting = Deque<Publication>()
        var nextBatch: Int64 = 0
        var isClosed = false
    }

    private struct Health {
        var unreachableSince: ContinuousClock.Instant?
    }

    let log: any ClusterLog
    private let origin: String
    private let maximumWaiting: Int
    private let pollInterval: Duration
    let logger: Logger
    private let outbox = Mutex(Outbox())
    private let health = Mutex(Health())
    private let start = Mutex<StreamPosition?>(nil)
    private let stored: AsyncStream<Void>
    private let storeWake: AsyncStream<Void>.Continuation
    /// Positioned subscriptions waiting for the reader, oldest first (`ClusterRelay+Recovery`).
    let recoveries = Mutex<[PendingRecovery]>([])
    let recoveryQueued = WakeSignal()
    /// What the reader delivered up to.
    let delivered = Mutex<StreamPosition?>(nil)

    private let metrics: ClusterMetrics?

    init(log: any ClusterLog, configuration: MushroomServerConfiguration, metrics: ClusterMetrics?) {
        self.log = log
        self.metrics = metrics
        self.origin = "\(configuration.nodeName)/\(SessionID.make())"
        self.maximumWaiting = configuration.maximumUnstoredPublications
        self.pollInterval = configuration.clusterPollInterval
        var logger = configuration.logger
        logger[metadataKey: "mushroom.node"] = .string(configuration.nodeName)
        self.logger = logger
        (stored, storeWake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Connects to the log and takes its top as the place to read from: a node that starts
    /// delivers what is published from now on, not the history.
    func open() async throws {
        let top = try await log.open()
        start.withLock { $0 = top }
        delivered.withLock { $0 = top }
        logger.info("cluster: connected, reading from offset \(top.offset) of epoch \(top.epoch)")
    }

    /// Queues `publication` to be stored; refused once `maximumUnstoredPublications` wait.
    func submit(_ publication: Publication) throws(PublicationRefused) {
        try outbox.withLock { outbox throws(PublicationRefused) in
            guard !outbox.isClosed else { throw .shuttingDown }
            guard outbox.waiting.count < maximumWaiting else { throw .clusterBacklogFull(waiting: outbox.waiting.count) }
            outbox.waiting.append(publication)
        }
        storeWake.yield()
    }

    /// How many publications wait to be stored.
    var unstoredCount: Int { outbox.withLock { $0.waiting.count } }

    /// Stores and reads until a graceful shutdown, delivering to `sessions`; then makes one last
    /// attempt to store what waits, and closes the log.
    func run(deliveringTo sessions: SessionList) async {
        guard let position = start.withLock({ $0 }) else { return }
        await withDiscardingTaskGroup { group in
            group.addTask { await cancelWhenGracefulShutdown { await self.read(from: position, into: sessions) } }
            group.addTask {
                await cancelWhenGracefulShutdown { await self.store() }
                await self.storeRest()
            }
        }
        await log.close()
    }

    // MARK: Storing

    private func store() async {
        var wakes = stored.makeAsyncIterator()
        var backoff = Backoff()
        while !Task.isCancelled {
            guard let (batch, id) = nextBatch() else {
                await wakes.next()
                continue
            }
            do {
                try await log.append(batch, id: id)
                markStored(batch.count)
                metrics?.recordStored(batch.count)
                reachable()
                backoff = Backoff()
            } catch {
                guard !Task.isCancelled else { return }
                unreachable(error)
                try? await Task.sleep(for: backoff.next())
            }
        }
    }

    /// At shutdown, one last attempt at what is still waiting; what it cannot store is logged.
    private func storeRest() async {
        let rest = outbox.withLock { outbox in
            outbox.isClosed = true
            return outbox.waiting.count
        }
        guard rest > 0 else { return }
        while let (batch, id) = nextBatch() {
            do {
                try await log.append(batch, id: id)
                markStored(batch.count)
            } catch {
                logger.error("cluster: \(unstoredCount) publications could not be stored before shutdown and are lost: \(error)")
                return
            }
        }
    }

    /// Lets go of the first `count` waiting publications, which the log stored as one batch.
    private func markStored(_ count: Int) {
        outbox.withLock { outbox in
            outbox.waiting.removeFirst(count)
            outbox.nextBatch += 1
        }
    }

    private func nextBatch() -> ([Publication], AppendID)? {
        outbox.withLock { outbox in
            guard !outbox.waiting.isEmpty else { return nil }
            return (Array(outbox.waiting.prefix(Self.maximumBatch)), AppendID(origin: origin, batch: outbox.nextBatch))
        }
    }

    // MARK: Reading

    private func read(from start: StreamPosition, into sessions: SessionList) async {
        var position = start
        var backoff = Backoff()
        while !Task.isCancelled {
            do {
                try await recoverQueued(at: position, into: sessions)
                let (epoch, batch) = try await log.read(after: position.offset, limit: Self.readLimit)
                reachable()
                backoff = Backoff()
                guard epoch == position.epoch else {
                    logger.warning("cluster: the log was created anew (epoch \(position.epoch) is now \(epoch)); reading it from its start")
                    position = StreamPosition(epoch: epoch, offset: 0)
                    continue
                }
                if let first = batch.first, first.offset != position.offset + 1 {
                    logger.error("cluster: publications \(position.offset + 1) to \(first.offset - 1) were removed by retention before this node read them; its sessions miss them")
                }
                if let last = batch.last {
                    sessions.deliver(batch, epoch: epoch)
                    metrics?.recordDelivered(batch)
                    position.offset = last.offset
                    delivered.withLock { [position] in $0 = position }
                }
                if batch.count < Self.readLimit { await waitForNews() }
            } catch {
                guard !Task.isCancelled else { return }
                unreachable(error)
                try? await Task.sleep(for: backoff.next())
            }
        }
    }

    /// Waits until the log may hold more, a recovery was asked for, or the poll interval passed.
    private func waitForNews() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await self.log.waitForAppends(timeout: self.pollInterval) }
            group.addTask { await self.recoveryQueued.wait(timeout: self.pollInterval) }
            await group.next()
            group.cancelAll()
        }
    }

    // MARK: Health

    private func unreachable(_ error: any Error) {
        let first = health.withLock { health in
            defer { health.unreachableSince = health.unreachableSince ?? .now }
            return health.unreachableSince == nil
        }
        if first {
            logger.warning("cluster: the log is unreachable (\(error)); serving this node's sessions, its publications wait to be stored (at most \(maximumWaiting))")
        }
    }

    private func reachable() {
        guard let since = health.withLock({ health in
            defer { health.unreachableSince = nil }
            return health.unreachableSince
        }) else { return }
        logger.notice("cluster: the log is reachable again after \((ContinuousClock.now - since).secondsDescription)")
    }

    /// Waits that double from 50 ms up to `maximumBackoff`.
    private struct Backoff {
        private var current: Duration = .milliseconds(50)

        mutating func next() -> Duration {
            defer { current = min(current * 2, ClusterRelay.maximumBackoff) }
            return current
        }
    }
}

/// Runs a cluster node's relay in the server's service group.
struct ClusterRelayService: Service {
    let relay: ClusterRelay
    let sessions: SessionList

    func run() async throws {
        await relay.run(deliveringTo: sessions)
    }
}
