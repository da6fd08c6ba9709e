import Foundation

/// The address a node puts in the session URLs it hands out, instead of the one a bootstrap came
/// to: `http://host:port/base` (or `https`, for a node behind TLS). A session lives on the node
/// that bootstrapped it, so behind a load balancer its URL must lead back there.
public struct AdvertisedURL: Sendable, Hashable, CustomStringConvertible {
    /// The advertised URL cannot be used; the description says why in one sentence.
    public struct Invalid: Error, Hashable, CustomStringConvertible {
        public let description: String
    }

    public let isSecure: Bool
    /// `host[:port]`, IPv6 in brackets.
    public let authority: String
    /// The path the session ids follow, `""` for the root, never ending in `/`.
    public let path: String

    public init(_ text: String) throws(Invalid) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw Invalid(description: "the advertised URL '\(text)' is not an absolute URL such as http://node-a.example:8080/")
        }
        guard scheme == "http" || scheme == "https" else {
            throw Invalid(description: "the advertised URL '\(text)' must start with http:// or https://, not \(scheme)://")
        }
        guard components.query == nil, components.fragment == nil, components.user == nil else {
            throw Invalid(description: "the advertised URL '\(text)' may hold a scheme, host, port and path only")
        }
        let bracketed = host.contains(":") ? "[\(host)]" : host
        isSecure = scheme == "https"
        authority = components.port.map { "\(bracketed):\($0)" } ?? bracketed
        let trimmed = components.path.split(separator: "/").joined(separator: "/")
        path = trimmed.isEmpty ? "" : "/" + trimmed
    }

    public var description: String { "\(isSecure ? "https" : "http")://\(authority)\(path)/" }
}
