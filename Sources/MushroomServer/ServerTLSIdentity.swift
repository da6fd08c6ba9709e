import MushroomTLS
import NIOSSL

/// The certificate chain and private key a server presents to serve https and wss, checked when
/// it is made: the leaf certificate valid now, and the key its own.
///
/// ```swift
/// configuration.tls = try ServerTLSIdentity(certificateFile: "cert.pem", privateKeyFile: "key.pem")
/// ```
public struct ServerTLSIdentity: Sendable {
    /// The certificates presented, the leaf first.
    public let certificateChain: [NIOSSLCertificate]
    public let privateKey: NIOSSLPrivateKey

    /// Reads the chain and the key from PEM files; throws a sentence naming the file when one
    /// cannot be read or holds nothing usable, the leaf has expired, or the key is not the
    /// certificate's.
    public init(certificateFile: String, privateKeyFile: String) throws(CertificateError) {
        try self.init(
            certificateChain: PEMFile.certificates(at: certificateFile, role: .certificate),
            privateKey: PEMFile.privateKey(at: privateKeyFile),
            certificateName: "The certificate in '\(certificateFile)'",
            keyName: "The private key in '\(privateKeyFile)'")
    }

    /// An identity from a chain (the leaf first) and its key already in memory; throws when the
    /// chain is empty, the leaf is not valid now, or the key is not the leaf's.
    public init(certificateChain: [NIOSSLCertificate], privateKey: NIOSSLPrivateKey) throws(CertificateError) {
        try self.init(
            certificateChain: certificateChain, privateKey: privateKey,
            certificateName: "The server's certificate", keyName: "The server's private key")
    }

    private init(
        certificateChain: [NIOSSLCertificate], privateKey: NIOSSLPrivateKey, certificateName: String, keyName: String
    ) throws(CertificateError) {
        guard let leaf = certificateChain.first else { throw CertificateError("\(certificateName) chain is empty.") }
        if let problem = leaf.validityProblem() { throw CertificateError("\(certificateName) \(problem).") }
        self.certificateChain = certificateChain
        self.privateKey = privateKey
        // BoringSSL checks that the key is the certificate's when the context takes both.
        guard (try? NIOSSLContext(configuration: configuration)) != nil else {
            throw CertificateError("\(keyName) does not match \(certificateName.prefix(1).lowercased() + certificateName.dropFirst()).")
        }
    }

    /// The server-side TLS configuration presenting this identity.
    var configuration: TLSConfiguration {
        .makeServerConfiguration(certificateChain: certificateChain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
    }
}
