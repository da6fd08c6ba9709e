import NIOCore
import NIOPosix
import PostgresNIO

/// Why a cluster's PostgreSQL could not be used, in one sentence naming the server (never the
/// password): what a node logs while it is away, and what `mushroom serve` prints at start.
public struct ClusterLogFailure: Error, CustomStringConvertible {
    public let description: String

    init(_ error: any Error, url: ClusterURL) {
        if let failure = error as? ClusterLogFailure {
            self = failure
            return
        }
        description = Self.describe(error, url: url)
    }

    init(description: String) {
        self.description = description
    }

    private static func describe(_ error: any Error, url: ClusterURL) -> String {
        let server = "PostgreSQL at \(url.address)"
        if let error = error as? PSQLError {
            if let info = error.serverInfo {
                let message = info[.message] ?? "an error"
                switch info[.sqlState] {
                case "28P01", "28000":
                    return "\(server) refused user '\(url.user)': \(message)"
                case "3D000":
                    return "\(server) has no database '\(url.database)': \(message)"
                default:
                    return "\(server) answered: \(message) (SQLSTATE \(info[.sqlState] ?? "?"))"
                }
            }
            if let underlying = error.underlying {
                return "cannot reach \(server): \(reason(underlying))"
            }
            switch error.code {
            case .serverClosedConnection, .uncleanShutdown:
                return "\(server) closed the connection"
            case .authMechanismRequiresPassword:
                return "\(server) asks user '\(url.user)' for a password, and the cluster URL gives none"
            default:
                return "\(server) could not be used: \(error.code)"
            }
        }
        return "cannot reach \(server): \(reason(error))"
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? IOError { return error.errnoCode == ECONNREFUSED ? "connection refused" : "\(error)" }
        if let error = error as? NIOConnectionError {
            return error.connectionErrors.first.map { reason($0.error) } ?? "\(error)"
        }
        if case ChannelError.connectTimeout = error { return "no answer within 5 seconds" }
        return "\(error)"
    }
}
