/// A URL the client connects to, taken apart and checked once: the scheme, the host, a port from
/// 1 to 65535 (the scheme's default when none is given) and the request target. The bootstrap
/// URL, every session URL a server answers and every URL typed on the command line go through
/// it, so that no port, host or character the network code cannot use ever reaches it.
public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// The schemes a mushroom client speaks.
    public enum Scheme: String, Sendable, Hashable, CaseIterable {
        case http, https, ws, wss

        /// Whether the scheme runs over TLS.
        public var usesTLS: Bool { self == .https || self == .wss }
        /// The port used when the URL gives none.
        public var defaultPort: Int { usesTLS ? 443 : 80 }
    }

    /// The ports a URL may name.
    public static let ports = 1...65_535

    public let scheme: Scheme
    /// The host name or address; an IPv6 address without its brackets.
    public let host: String
    public let port: Int
    /// The request target: the path (at least "/") and the query, as written.
    public let target: String

    /// Parses `text`, which must use one of `schemes`.
    public init(parsing text: String, schemes: [Scheme] = Scheme.allCases) throws(EndpointError) {
        func fail(_ reason: String) -> EndpointError { EndpointError(url: text, reason: reason) }
        if let unusable = text.unicodeScalars.first(where: { $0.value <= 0x20 || $0.value >= 0x7F }) {
            throw fail("it contains \(Self.name(of: unusable)), which a URL cannot hold")
        }
        let expected = schemes.map { "\($0.rawValue)://" }
        let schemeList = expected.dropLast().joined(separator: ", ") + (expected.count > 1 ? " or " : "") + (expected.last ?? "")
        guard let separator = text.range(of: "://"),
            let scheme = Scheme(rawValue: text[..<separator.lowerBound].lowercased()), schemes.contains(scheme)
        else { throw fail("it does not begin with \(schemeList)") }
        let rest = text[separator.upperBound...]
        let authorityEnd = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.contains("@") else { throw fail("it carries user information, which mushroom does not use") }
        let host: Substring
        let portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw fail("its IPv6 address lacks the closing ']'") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else { throw fail("something other than a port follows its IPv6 address") }
            portText = after.isEmpty ? nil : after.dropFirst()
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw fail("its host [\(host)] is not an IPv6 address")
            }
        } else {
            let colon = authority.firstIndex(of: ":")
            host = authority[..<(colon ?? authority.endIndex)]
            portText = colon.map { authority[authority.index(after: $0)...] }
            guard !host.isEmpty else { throw fail("it has no host") }
            guard host.allSatisfy({ $0.isLetter || $0.isNumber || "-._~".contains($0) }) else {
                throw fail("its host '\(host)' is not a host name or an IP address")
            }
        }
        self.scheme = scheme
        self.host = String(host)
        if let portText, !portText.isEmpty {
            guard portText.count <= 5, portText.allSatisfy(\.isASCII), let port = Int(portText), Self.ports.contains(port) else {
                throw fail("its port \(portText) is not a number from 1 to 65535")
            }
            self.port = port
        } else {
            port = scheme.defaultPort
        }
        var target = rest[authorityEnd...]
        if let fragment = target.firstIndex(of: "#") { target = target[..<fragment] }
        self.target = target.hasPrefix("/") ? String(target) : "/" + target
    }

    private init(scheme: Scheme, host: String, port: Int, target: String) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.target = target
    }

    /// The `Host` header: the host (an IPv6 address in brackets), and the port unless it is the
    /// scheme's default.
    public var hostHeader: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return port == scheme.defaultPort ? bracketed : "\(bracketed):\(port)"
    }

    /// The URL, written the one way this type writes it.
    public var url: String { "\(scheme.rawValue)://\(hostHeader)\(target)" }

    public var description: String { url }

    /// The same place over plain HTTP(S): a WebSocket URL's `http://` or `https://` twin.
    public var overHTTP: Endpoint {
        Endpoint(scheme: scheme.usesTLS ? .https : .http, host: host, port: port, target: target)
    }

    /// The last component of the path, if there is one (the session id of a session URL).
    public var lastPathComponent: String? {
        let path = target.prefix { $0 != "?" }
        return path.split(separator: "/").last.map(String.init)
    }

    private static func name(of scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x20: "a space"
        case ..<0x20, 0x7F: "a control character"
        default: "'\(scalar)'"
        }
    }
}

/// A URL the client cannot use, and why, e.g. "its port 99999 is not a number from 1 to 65535".
public struct EndpointError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URL as given.
    public let url: String
    /// Why it cannot be used: a phrase without a final period.
    public let reason: String

    /// The error for `url`, unusable because of `reason`.
    public init(url: String, reason: String) {
        self.url = url
        self.reason = reason
    }

    public var description: String { "'\(url)' is not a usable URL: \(reason)" }
}
