import Crypto
import Foundation
import SwiftASN1
import X509

/// A private certificate authority made for one test, and the PEM files of what it issues,
/// written to a directory of its own (`directory`): `ca.pem`, and per `issue` NAME-cert.pem and
/// NAME-key.pem.
///
/// ```swift
/// let certificates = try TestCertificates()
/// let server = try certificates.issue("server")  // for localhost and 127.0.0.1, valid a day
/// // mushroom serve --tls-cert server.certificateFile --tls-key server.keyFile
/// // mushroom call https://127.0.0.1:PORT/ echo --cacert certificates.authorityFile
/// ```
public final class TestCertificates: Sendable {
    /// The directory the files are written to (removed by `remove`).
    public let directory: URL
    /// The PEM file of the authority's certificate.
    public let authorityFile: String
    private let authorityName: DistinguishedName
    private let authorityKey: P256.Signing.PrivateKey

    /// The PEM files of one issued certificate and its key.
    public struct Issued: Sendable {
        public let certificateFile: String
        public let keyFile: String
    }

    /// A new authority named `name`, its certificate written to `ca.pem`.
    public init(name: String = "mushroom test CA") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mushroom-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        authorityKey = P256.Signing.PrivateKey()
        authorityName = try DistinguishedName { CommonName(name) }
        let now = Date()
        let authority = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(authorityKey.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(86_400),
            issuer: authorityName, subject: authorityName, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(authorityKey))
        authorityFile = try Self.write(authority.serializeAsPEM().pemString, to: directory.appendingPathComponent("ca.pem"))
    }

    /// Issues a server certificate for `hostNames` and `addresses` (IPv4), valid from
    /// `notValidBefore` to `notValidAfter`, and writes it and a new key as NAME-cert.pem and
    /// NAME-key.pem.
    public func issue(
        _ name: String, hostNames: [String] = ["localhost"], addresses: [[UInt8]] = [[127, 0, 0, 1]],
        notValidBefore: Date = Date().addingTimeInterval(-3600), notValidAfter: Date = Date().addingTimeInterval(86_400)
    ) throws -> Issued {
        let key = P256.Signing.PrivateKey()
        let alternativeNames = hostNames.map { GeneralName.dnsName($0) }
            + addresses.map { GeneralName.ipAddress(ASN1OctetString(contentBytes: $0[...])) }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: notValidBefore, notValidAfter: notValidAfter,
            issuer: authorityName, subject: try DistinguishedName { CommonName(hostNames.first ?? name) },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(alternativeNames)
            },
            issuerPrivateKey: .init(authorityKey))
        return Issued(
            certificateFile: try Self.write(
                certificate.serializeAsPEM().pemString, to: directory.appendingPathComponent("\(name)-cert.pem")),
            keyFile: try Self.write(key.pemRepresentation, to: directory.appendingPathComponent("\(name)-key.pem")))
    }

    /// Writes `text` to `path` (a file of the test's own: `directory` holds it).
    @discardableResult
    public func write(_ text: String, named name: String) throws -> String {
        try Self.write(text, to: directory.appendingPathComponent(name))
    }

    /// Removes the directory and every file in it.
    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    private static func write(_ text: String, to url: URL) throws -> String {
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
