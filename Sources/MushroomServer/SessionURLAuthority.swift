import NIOCore

/// The `host[:port]` a session URL is built on: the request's `Host` when it is one, the
/// address the request arrived on when it has none. A `Host` that is not a host name, an IPv4
/// address or a bracketed IPv6 address with an optional port 1-65535 is refused, never reflected
/// into a URL.
enum SessionURLAuthority {
    /// A `Host` header that is no authority.
    struct Invalid: Error, Hashable, CustomStringConvertible {
        let host: String
        var description: String {
            let shown = host.count > 80 ? String(host.prefix(80)) + "..." : host
            return "the Host header '\(shown)' is not a host name or address with an optional port"
        }
    }

    /// The authority for a request whose `Host` is `host`, received on `localAddress`.
    static func authority(host: String?, localAddress: SocketAddress?) throws(Invalid) -> String {
        guard let host else { return local(localAddress) }
        guard HostHeader.isAuthority(host) else { throw Invalid(host: host) }
        return host
    }

    /// `ip:port` of the address a request arrived on (IPv6 in brackets).
    private static func local(_ address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress else { return "localhost" }
        let host = address.protocol == .inet6 ? "[\(ip)]" : ip
        return address.port.map { "\(host):\($0)" } ?? host
    }
}
