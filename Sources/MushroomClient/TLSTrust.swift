import MushroomTLS
import NIOSSL
import Synchronization

/// The certificate authorities a client trusts for https and wss: the system's store (the
/// default), or the certificates of a private CA instead.
///
/// ```swift
/// configuration.tlsTrust = try TLSTrust(certificateAuthorityFile: "ca.pem")
/// ```
public struct TLSTrust: Sendable {
    /// The system's certificate store.
    public static let systemStore = TLSTrust(roots: .default)

    /// The client-side TLS configuration: these roots, and the server's name or address checked
    /// against its certificate.
    let configuration: TLSConfiguration
    private let context: ContextCache

    /// Trusts only `certificateAuthorities`.
    public init(certificateAuthorities: [NIOSSLCertificate]) {
        self.init(roots: .certificates(certificateAuthorities))
    }

    /// Trusts only the certificates of the PEM file at `path`; throws a sentence naming the file
    /// when it cannot be read or holds no certificate.
    public init(certificateAuthorityFile path: String) throws(CertificateError) {
        self.init(certificateAuthorities: try PEMFile.certificates(at: path, role: .certificateAuthority))
    }

    private init(roots: NIOSSLTrustRoots) {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = roots
        self.configuration = configuration
        context = ContextCache()
    }

    /// The context every WebSocket connection with this trust shares, made on first use.
    func sslContext() throws -> NIOSSLContext {
        try context.context(for: configuration)
    }
}

/// One `NIOSSLContext`, made once: loading the roots costs more than a connection.
private final class ContextCache: Sendable {
    private let made = Mutex<NIOSSLContext?>(nil)

    func context(for configuration: TLSConfiguration) throws -> NIOSSLContext {
        try made.withLock { made in
            if let made { return made }
            let context = try NIOSSLContext(configuration: configuration)
            made = context
            return context
        }
    }
}
