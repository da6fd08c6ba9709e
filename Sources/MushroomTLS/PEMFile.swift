import Foundation
import NIOSSL

/// Reads the PEM files a TLS server or client is given: certificates (a chain, or the
/// certificate authorities to trust) and a private key. Every failure is a `CertificateError`
/// naming the file: missing, unreadable, a directory, too large, or holding nothing of the kind.
public enum PEMFile {
    /// What a file is expected to hold, as its sentences call it.
    public enum Role: String, Sendable {
        case certificate = "certificate file"
        case certificateAuthority = "CA file"
        case privateKey = "private key file"
    }

    /// The largest file read: PEM certificate bundles are tens of kilobytes, the system's whole
    /// store about 200 KiB.
    public static let maximumSize = 4 << 20

    /// The certificates in the file at `path`, in order (a chain starts with its leaf).
    public static func certificates(at path: String, role: Role) throws(CertificateError) -> [NIOSSLCertificate] {
        let bytes = try read(path, role: role)
        guard let certificates = try? NIOSSLCertificate.fromPEMBytes(bytes), !certificates.isEmpty else {
            throw CertificateError("The \(role.rawValue) '\(path)' holds no PEM certificate.")
        }
        return certificates
    }

    /// The private key in the file at `path` (unencrypted PEM).
    public static func privateKey(at path: String) throws(CertificateError) -> NIOSSLPrivateKey {
        let bytes = try read(path, role: .privateKey)
        guard let key = try? NIOSSLPrivateKey(bytes: bytes, format: .pem) else {
            throw CertificateError("The private key file '\(path)' holds no unencrypted PEM private key.")
        }
        return key
    }

    /// The bytes of the file at `path`, at most `maximumSize` of them.
    private static func read(_ path: String, role: Role) throws(CertificateError) -> [UInt8] {
        func unusable(_ reason: String) -> CertificateError {
            CertificateError("The \(role.rawValue) '\(path)' cannot be read: \(reason).")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw unusable("no such file")
        }
        guard !isDirectory.boolValue else { throw unusable("it is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw unusable(access(path, R_OK) == 0 ? "it cannot be opened" : String(cString: strerror(errno)))
        }
        defer { try? handle.close() }
        let data: Data?
        do {
            data = try handle.read(upToCount: maximumSize + 1)
        } catch {
            throw unusable("\(error.localizedDescription)")
        }
        let bytes = Array(data ?? Data())
        guard bytes.count <= maximumSize else { throw unusable("it is larger than \(maximumSize >> 20) MiB") }
        return bytes
    }
}
