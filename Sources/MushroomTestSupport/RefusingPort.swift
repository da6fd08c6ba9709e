import Glibc

/// A loopback port that refuses every connection for as long as it is held: a TCP socket bound
/// to 127.0.0.1 (port 0) that never listens. A port freed by stopping a server is no such thing:
/// a test running beside may bind it again before the client connects.
public final class RefusingPort: Sendable {
    public let port: Int
    private let descriptor: Int32

    /// Reserves a port; throws when no socket can be bound.
    public init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RefusingPortUnavailable(step: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(descriptor, address, length) == 0 && getsockname(descriptor, address, &length) == 0
            }
        }
        guard bound else {
            let code = errno
            Glibc.close(descriptor)
            throw RefusingPortUnavailable(step: "bind", code: code)
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// `http://127.0.0.1:PORT/`.
    public var url: String { "http://127.0.0.1:\(port)/" }

    deinit {
        Glibc.close(descriptor)
    }
}

/// No loopback socket could be reserved.
public struct RefusingPortUnavailable: Error, CustomStringConvertible {
    public let step: String
    public let code: Int32
    public var description: String { "cannot reserve a loopback port (\(step)): \(String(cString: strerror(code)))" }
}
