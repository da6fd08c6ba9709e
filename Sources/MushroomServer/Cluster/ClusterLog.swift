import Logging
import MushroomRPC

/// The shared, ordered store of a cluster's publications (PostgreSQL in `MushroomCluster`): every
/// node appends what it publishes and reads everything in offset order. A `MushroomServer` whose
/// configuration names one delivers its broadcasts and topic publications through it
/// (`ClusterRelay`) instead of at once, so that every node delivers them in the same order.
///
/// Any method may throw when the store is unreachable; the relay retries, and a later call must
/// work again once the store is back (reconnecting as needed).
public protocol ClusterLog: Sendable {
    /// Connects and prepares the store; returns the current top, where a starting node begins
    /// reading. The error of a store that cannot be used (refused, wrong credentials, missing
    /// database) describes it in one sentence: the server does not start.
    func open() async throws -> StreamPosition

    /// Stores `publications` in order, in one transaction, after everything stored before, with
    /// the next offsets; does nothing when a batch with the same `id` was stored already (a retry
    /// after an answer that was lost with the connection).
    func append(_ publications: [Publication], id: AppendID) async throws

    /// Up to `limit` publications with an offset above `offset`, in offset order, with the epoch
    /// they belong to.
    func read(after offset: Int64, limit: Int) async throws -> (epoch: String, publications: [StoredPublication])

    /// Returns when publications may have been appended since the last call (a wake-up from the
    /// store), or after `timeout`; a lost wake-up costs latency, not data, since readers poll.
    func waitForAppends(timeout: Duration) async throws

    /// Lets go of every connection.
    func close() async
}

/// Names one batch a node appends, so that a retry whose first attempt did commit stores nothing
/// twice: `origin` is unique to the node's process, `batch` counts its batches from 0.
public struct AppendID: Sendable, Hashable {
    public var origin: String
    public var batch: Int64

    public init(origin: String, batch: Int64) {
        self.origin = origin
        self.batch = batch
    }
}
