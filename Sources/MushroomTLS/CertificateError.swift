/// A certificate, key or CA file that cannot be used, told in one sentence that names the file
/// (or the certificate) and the reason, e.g. "The certificate file 'cert.pem' cannot be read: No
/// such file or directory."
public struct CertificateError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String

    /// The error told by `sentence`, which ends with a period.
    public init(_ sentence: String) {
        description = sentence
    }
}
