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
        guard isValid(host) else { throw Invalid(host: host) }
        return host
    }

    /// `ip:port` of the address a request arrived on (IPv6 in brackets).
    private static func local(_ address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress else { return "localhost" }
        let host = address.protocol == .inet6 ? "[\(ip)]" : ip
        return address.port.map { "\(host):\($0)" } ?? host
    }

    private static func isValid(_ authority: String) -> Bool {
        let bytes = Array(authority.utf8)
        guard !bytes.isEmpty, bytes.count <= 255 + 6 else { return false }
        var hostEnd = bytes.count
        if bytes[0] == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")), close > 1,
                  bytes[1..<close].allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
            else { return false }
            hostEnd = close + 1
        } else {
            hostEnd = bytes.firstIndex(of: UInt8(ascii: ":")) ?? bytes.count
            guard hostEnd > 0, bytes[..<hostEnd].allSatisfy(isNameCharacter) else { return false }
        }
        guard hostEnd < bytes.count else { return true }
        guard bytes[hostEnd] == UInt8(ascii: ":") else { return false }
        let port = bytes[(hostEnd + 1)...]
        guard (1...5).contains(port.count), port.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let number = Int(String(decoding: port, as: UTF8.self)) else { return false }
        return (1...65_535).contains(number)
    }

    /// Letters, digits, `-`, `.`, `_` and `~`: what a DNS name or an IPv4 address is made of.
    private static func isNameCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): true
        default: false
        }
    }
}
