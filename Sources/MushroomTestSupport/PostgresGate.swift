import Foundation
import Testing

/// Decides whether the cluster tests run against a real PostgreSQL: the one named by
/// `MUSHROOM_TEST_POSTGRES_URL` (`scripts/test-postgres.sh start` prints it; `.ci/run` starts it).
/// Without it they are skipped, saying why, unless `MUSHROOM_REQUIRE_POSTGRES=1` (CI): then they
/// run and fail.
public enum PostgresGate {
    /// The server's URL, `postgresql://USER:PASSWORD@127.0.0.1:PORT/postgres`.
    public static var url: String? { environment["MUSHROOM_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 } }

    /// The shell command that restarts the server (`pg_ctl restart`), for the test that does.
    public static var restartCommand: String? { environment["MUSHROOM_TEST_POSTGRES_RESTART"].flatMap { $0.isEmpty ? nil : $0 } }

    /// Whether the environment insists that the cluster tests run.
    public static var isRequired: Bool { environment["MUSHROOM_REQUIRE_POSTGRES"] == "1" }

    /// Why the cluster tests cannot run here, or `nil` when they can.
    public static var unavailableReason: String? {
        url == nil ? "MUSHROOM_TEST_POSTGRES_URL is not set (eval \"$(scripts/test-postgres.sh start)\" starts a PostgreSQL for the tests)" : nil
    }

    /// Whether the cluster tests should run: they can, or they must (and will then fail).
    public static var shouldRun: Bool { unavailableReason == nil || isRequired }

    /// The server's URL, or a failure saying why there is none.
    public static func requireURL() throws -> String {
        guard let url else { throw PostgresUnavailable(reason: unavailableReason ?? "no PostgreSQL") }
        return url
    }

    private static var environment: [String: String] { ProcessInfo.processInfo.environment }
}

/// The cluster tests cannot run, and `MUSHROOM_REQUIRE_POSTGRES=1` says they must.
public struct PostgresUnavailable: Error, CustomStringConvertible {
    public let reason: String
    public var description: String { "\(reason), and MUSHROOM_REQUIRE_POSTGRES=1 requires the cluster tests to run" }
}

extension Trait where Self == ConditionTrait {
    /// Marks a test that needs PostgreSQL: skipped with the reason when there is none, unless
    /// `MUSHROOM_REQUIRE_POSTGRES=1`, which makes it run and fail instead.
    public static var postgres: Self {
        .enabled(if: PostgresGate.shouldRun, Comment(rawValue: PostgresGate.unavailableReason ?? "PostgreSQL available"))
    }
}
