import Foundation
import Logging
import MushroomRPC
import MushroomServer
import PostgresNIO
import Synchronization

/// A cluster log in PostgreSQL, the design of Centrifugo's PostgreSQL broker: publications go to
/// an outbox table numbered by a contiguous cluster offset; NOTIFY carries no data, only a
/// wake-up, and readers also poll, so a lost NOTIFY costs latency, not data.
///
/// Offsets become visible in commit order, so a reader asking for `offset > cursor` never skips
/// one: an append takes its offsets from the one-row head table with `UPDATE ... RETURNING`, whose
/// row lock it holds until it commits, so the next append's offsets are handed out only after the
/// previous append is visible. One append is one statement (one round trip and one commit) for a
/// whole batch, so throughput does not stop at one fsync per publication. Retention removes
/// publications beyond a count and an age.
///
/// Tables: `mushroom_cluster_head` (the epoch and the top offset), `mushroom_publications`, and
/// `mushroom_appends` (one row per stored batch, so a retried batch is not stored twice).
public final class PostgresClusterLog: ClusterLog {
    /// How many publications and for how long they are kept, and how often an appending node
    /// removes older ones.
    public struct Retention: Sendable, Hashable {
        public var count: Int
        public var age: Duration
        public var trimInterval: Duration

        public init(count: Int = 100_000, age: Duration = .seconds(3_600), trimInterval: Duration = .seconds(5)) {
            self.count = count
            self.age = age
            self.trimInterval = trimInterval
        }
    }

    static let channel = "mushroom_publications"

    public let url: ClusterURL
    public let retention: Retention
    private let writer: PostgresConnectionSlot
    private let reader: PostgresConnectionSlot
    /// Trims beside the writer, so that a large DELETE never holds up an append.
    private let trimmer: PostgresConnectionSlot
    private let appended = WakeSignal()
    private let lastTrim = Mutex<ContinuousClock.Instant?>(nil)
    private let trimming = Atomic<Bool>(false)
    private let trimAgain = Atomic<Bool>(false)
    private let logger: Logger

    /// A log at `url`; nothing connects before `open()`. `node` names the connections
    /// (`application_name`) in PostgreSQL's views.
    public init(url: ClusterURL, node: String, retention: Retention = Retention(), logger: Logger = Logger(label: "mushroom.cluster")) {
        self.url = url
        self.retention = retention
        self.logger = logger
        let appended = self.appended
        writer = PostgresConnectionSlot(url: url, applicationName: "mushroom \(node) writer", logger: logger)
        trimmer = PostgresConnectionSlot(url: url, applicationName: "mushroom \(node) trimmer", logger: logger)
        reader = PostgresConnectionSlot(url: url, applicationName: "mushroom \(node) reader", logger: logger) { connection in
            try await Self.listen(on: connection, firing: appended)
        }
    }

    public func open() async throws -> StreamPosition {
        let epoch = UUID().uuidString.lowercased()
        try await writer.run { connection in
            try await connection.withTransaction(logger: logger) { connection in
                // Nodes starting together create the tables one after the other.
                try await connection.query("SELECT pg_advisory_xact_lock(7346010)", logger: logger)
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS mushroom_cluster_head (
                        id integer PRIMARY KEY CHECK (id = 1), epoch text NOT NULL, top bigint NOT NULL)
                    """, logger: logger)
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS mushroom_publications (
                        "offset" bigint PRIMARY KEY, topic boolean NOT NULL, method text NOT NULL, data text NOT NULL,
                        created timestamptz NOT NULL DEFAULT now())
                    """, logger: logger)
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS mushroom_appends (
                        origin text NOT NULL, batch bigint NOT NULL, created timestamptz NOT NULL DEFAULT now(),
                        PRIMARY KEY (origin, batch))
                    """, logger: logger)
                try await connection.query(
                    "INSERT INTO mushroom_cluster_head (id, epoch, top) VALUES (1, \(epoch), 0) ON CONFLICT (id) DO NOTHING",
                    logger: logger)
            }
        }
        _ = try await reader.connection()
        return try await writer.run { connection in
            let rows = try await connection.query("SELECT epoch, top FROM mushroom_cluster_head WHERE id = 1", logger: logger)
            for try await (epoch, top) in rows.decode((String, Int64).self) {
                return StreamPosition(epoch: epoch, offset: top)
            }
            throw ClusterLogFailure(description: "PostgreSQL at \(url.address) has no row in mushroom_cluster_head")
        }
    }

    public func append(_ publications: [Publication], id: AppendID) async throws {
        guard !publications.isEmpty else { return }
        let count = Int64(publications.count)
        let topics = publications.map { $0.audience == .topicSubscribers }
        let methods = publications.map(\.method)
        let data = publications.map(\.data.compactString)
        try await writer.run { connection in
            _ = try await connection.query("""
                WITH fresh AS (
                    INSERT INTO mushroom_appends (origin, batch) VALUES (\(id.origin), \(id.batch))
                    ON CONFLICT DO NOTHING RETURNING 1),
                head AS (
                    UPDATE mushroom_cluster_head SET top = top + \(count)
                    WHERE id = 1 AND EXISTS (SELECT 1 FROM fresh) RETURNING top),
                stored AS (
                    INSERT INTO mushroom_publications ("offset", topic, method, data)
                    SELECT head.top - \(count) + u.ord, u.topic, u.method, u.data
                    FROM head, unnest(\(topics)::boolean[], \(methods)::text[], \(data)::text[])
                        WITH ORDINALITY AS u(topic, method, data, ord))
                SELECT pg_notify('mushroom_publications', '') FROM head
                """, logger: logger)
        }
        trimIfDue()
    }

    public func read(after offset: Int64, limit: Int) async throws -> (epoch: String, publications: [StoredPublication]) {
        let limit = Int64(limit)
        return try await reader.run { connection in
            let rows = try await connection.query("""
                SELECT h.epoch, p."offset", p.topic, p.method, p.data, extract(epoch FROM p.created)::float8
                FROM mushroom_cluster_head h
                LEFT JOIN LATERAL (
                    SELECT "offset", topic, method, data, created FROM mushroom_publications
                    WHERE "offset" > \(offset) ORDER BY "offset" LIMIT \(limit)) p ON true
                WHERE h.id = 1
                """, logger: logger)
            var epoch = ""
            var publications: [StoredPublication] = []
            for try await (rowEpoch, offset, topic, method, data, created) in rows.decode((String, Int64?, Bool?, String?, String?, Double?).self) {
                epoch = rowEpoch
                guard let offset, let topic, let method, let data else { continue }
                let value: JSONValue
                do {
                    value = try JSONValue(parsing: data)
                } catch {
                    throw ClusterLogFailure(description: "publication \(offset) in PostgreSQL at \(url.address) holds data that is not JSON: \(error)")
                }
                publications.append(StoredPublication(
                    offset: offset, publication: Publication(audience: topic ? .topicSubscribers : .everySession, method: method, data: value),
                    storedAt: created.map(Date.init(timeIntervalSince1970:))))
            }
            return (epoch, publications)
        }
    }

    public func waitForAppends(timeout: Duration) async throws {
        await appended.wait(timeout: timeout)
    }

    public func close() async {
        await reader.close()
        await writer.close()
        await trimmer.close()
    }

    /// Starts removing publications beyond the retention count and age, at most every
    /// `trimInterval` and one trim at a time, beside the appends. A trim that fails is left to
    /// the next one: retention is a bound on what is kept, not a promise to delete at once.
    private func trimIfDue() {
        let now = ContinuousClock.now
        let due = lastTrim.withLock { last in
            guard last.map({ now - $0 >= retention.trimInterval }) ?? true else { return false }
            last = now
            return true
        }
        guard due else { return }
        // One trim at a time; an append during it asks for one more after it.
        trimAgain.store(true, ordering: .releasing)
        guard trimming.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { return }
        Task {
            while trimAgain.exchange(false, ordering: .acquiringAndReleasing) { try? await trim() }
            trimming.store(false, ordering: .releasing)
            // An append that came between the last check and the release started no trim.
            if trimAgain.load(ordering: .acquiring) { trimIfDue() }
        }
    }

    private func trim() async throws {
        let keep = Int64(retention.count)
        let seconds = Double(retention.age.components.seconds)
        try await trimmer.run { connection in
            try await connection.query("""
                DELETE FROM mushroom_publications
                WHERE "offset" <= (SELECT top FROM mushroom_cluster_head WHERE id = 1) - \(keep)
                   OR created < now() - make_interval(secs => \(seconds))
                """, logger: logger)
            try await connection.query(
                "DELETE FROM mushroom_appends WHERE created < now() - make_interval(secs => \(seconds))", logger: logger)
        }
    }

    /// LISTENs on `connection` for as long as it lives, firing `appended` at each NOTIFY (and once
    /// when it ends, so that a reader looks at once instead of at its next poll); returns once
    /// the LISTEN is in place.
    private static func listen(on connection: PostgresConnection, firing appended: WakeSignal) async throws {
        let started = ListenStart()
        try await withCheckedThrowingContinuation { continuation in
            started.set(continuation)
            Task {
                do {
                    try await connection.listen(on: channel) { notifications in
                        started.resume(with: .success(()))
                        for try await _ in notifications { appended.fire() }
                    }
                    started.resume(with: .success(()))
                } catch {
                    started.resume(with: .failure(error))
                }
                appended.fire()
            }
        }
    }
}

/// The continuation waiting for a LISTEN to be in place, resumed once.
private final class ListenStart: Sendable {
    private let continuation = Mutex<CheckedContinuation<Void, any Error>?>(nil)

    func set(_ continuation: CheckedContinuation<Void, any Error>) {
        self.continuation.withLock { $0 = continuation }
    }

    func resume(with result: Result<Void, any Error>) {
        continuation.withLock { $0.take() }?.resume(with: result)
    }
}
