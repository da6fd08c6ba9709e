import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// One PostgreSQL connection of a node, made when first needed and made again after it failed:
/// a caller that saw a query fail calls `discard(_:)`, and the next `connection()` connects anew.
final class PostgresConnectionSlot: Sendable {
    private let configuration: PostgresConnection.Configuration
    private let url: ClusterURL
    private let logger: Logger
    private let current = Mutex<PostgresConnection?>(nil)
    private let nextID = Atomic<Int>(0)
    /// Runs on each new connection before it is handed out (LISTEN, for the reader).
    private let prepare: @Sendable (PostgresConnection) async throws -> Void

    init(url: ClusterURL, applicationName: String, logger: Logger, prepare: @escaping @Sendable (PostgresConnection) async throws -> Void = { _ in }) {
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        self.configuration = configuration
        self.url = url
        self.logger = logger
        self.prepare = prepare
    }

    /// The open connection, connecting first when there is none; throws `ClusterLogFailure`.
    func connection() async throws -> PostgresConnection {
        if let connection = current.withLock({ $0 }), !connection.isClosed { return connection }
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: configuration, id: nextID.add(1, ordering: .relaxed).newValue, logger: logger)
            try await prepare(connection)
        } catch {
            throw ClusterLogFailure(error, url: url)
        }
        let replaced = current.withLock { current in
            defer { current = connection }
            return current
        }
        try? await replaced?.close()
        return connection
    }

    /// Forgets `connection` after a failure, closing it.
    func discard(_ connection: PostgresConnection) async {
        let wasCurrent = current.withLock { current in
            guard current === connection else { return false }
            current = nil
            return true
        }
        if wasCurrent { try? await connection.close() }
    }

    /// Runs `work` on the connection; on failure the connection is discarded and the error is
    /// described (`ClusterLogFailure`).
    func run<Result: Sendable>(_ work: (PostgresConnection) async throws -> Result) async throws -> Result {
        let connection = try await connection()
        do {
            return try await work(connection)
        } catch {
            await discard(connection)
            throw ClusterLogFailure(error, url: url)
        }
    }

    func close() async {
        let connection = current.withLock { current in
            defer { current = nil }
            return current
        }
        try? await connection?.close()
    }
}
