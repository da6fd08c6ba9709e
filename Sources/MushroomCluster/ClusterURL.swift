import Foundation

/// Where a cluster's PostgreSQL is: `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE` (also
/// `postgres://`), user and password percent-encoded as in libpq's connection URIs.
public struct ClusterURL: Sendable, Hashable, CustomStringConvertible {
    /// The text is not such a URL; the description says why in one sentence.
    public struct Invalid: Error, Hashable, CustomStringConvertible {
        public let description: String
    }

    public let host: String
    public let port: Int
    public let user: String
    public let password: String?
    public let database: String

    public init(_ text: String) throws(Invalid) {
        let example = "postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw Invalid(description: "the cluster URL '\(Self.redacted(text))' is not a URL of the form \(example)")
        }
        guard scheme == "postgresql" || scheme == "postgres" else {
            throw Invalid(description: "the cluster URL must start with postgresql://, not \(scheme)://")
        }
        guard let host = components.host, !host.isEmpty else {
            throw Invalid(description: "the cluster URL '\(Self.redacted(text))' names no host: write it as \(example)")
        }
        guard let user = components.user.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw Invalid(description: "the cluster URL '\(Self.redacted(text))' names no user: write it as \(example)")
        }
        let database = components.path.split(separator: "/", omittingEmptySubsequences: true)
        guard database.count == 1, let name = String(database[0]).removingPercentEncoding else {
            throw Invalid(description: "the cluster URL '\(Self.redacted(text))' must name one database after the host: \(example)")
        }
        guard components.query == nil, components.fragment == nil else {
            throw Invalid(description: "the cluster URL '\(Self.redacted(text))' takes no query or fragment")
        }
        if let port = components.port, !(1...65_535).contains(port) {
            throw Invalid(description: "the cluster URL's port must be from 1 to 65535, got \(port)")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.user = user
        self.password = components.password?.removingPercentEncoding
        self.database = name
    }

    /// The URL without its password, for logs and errors.
    public var description: String { "postgresql://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)" }

    /// `HOST:PORT`, for errors.
    var address: String { "\(host.contains(":") ? "[\(host)]" : host):\(port)" }

    /// `text` with whatever stands between `:` and `@` after the scheme replaced, so that an
    /// error never shows a password.
    private static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let schemeEnd = text.range(of: "://")?.upperBound,
              schemeEnd < at, let colon = text[schemeEnd..<at].firstIndex(of: ":") else { return text }
        return text[..<text.index(after: colon)] + "***" + text[at...]
    }
}
