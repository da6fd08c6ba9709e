import Foundation
import Logging
import MushroomCluster
import MushroomTestSupport
import PostgresNIO

/// A database of its own for one test, on the PostgreSQL of `PostgresGate`: created empty and
/// dropped at the end, so that tests running side by side do not share a cluster log.
struct ClusterDatabase: Sendable {
    /// `postgresql://USER:PASSWORD@HOST:PORT/NAME`.
    let url: String
    let name: String
    private let admin: ClusterURL

    static func create() async throws -> ClusterDatabase {
        let admin = try ClusterURL(try PostgresGate.requireURL())
        let name = "mushroom_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try await Self.run("CREATE DATABASE \(name)", on: admin)
        let password = admin.password.map { ":\($0)" } ?? ""
        return ClusterDatabase(url: "postgresql://\(admin.user)\(password)@\(admin.host):\(admin.port)/\(name)", name: name, admin: admin)
    }

    /// Drops the database, ending the connections still open to it.
    func drop() async {
        try? await Self.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", on: admin)
    }

    /// Runs `sql` in this database and returns the first column of its rows as text.
    func query(_ sql: String) async throws -> [String] {
        let url = try ClusterURL(self.url)
        return try await Self.withConnection(to: url) { connection in
            var values: [String] = []
            for try await (value) in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger).decode(String.self) {
                values.append(value)
            }
            return values
        }
    }

    /// The cluster log of a node on this database.
    func log(node: String, retention: PostgresClusterLog.Retention = .init()) throws -> PostgresClusterLog {
        PostgresClusterLog(url: try ClusterURL(url), node: node, retention: retention, logger: Self.logger)
    }

    private static let logger = Logger(label: "mushroom.cluster-tests")

    private static func run(_ sql: String, on url: ClusterURL) async throws {
        try await withConnection(to: url) { connection in
            _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }

    private static func withConnection<Result: Sendable>(
        to url: ClusterURL, _ work: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            let result = try await work(connection)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

/// Runs `body` with a new database, dropped afterwards whatever happens.
func withClusterDatabase<Result: Sendable>(_ body: (ClusterDatabase) async throws -> Result) async throws -> Result {
    let database = try await ClusterDatabase.create()
    do {
        let result = try await body(database)
        await database.drop()
        return result
    } catch {
        await database.drop()
        throw error
    }
}
