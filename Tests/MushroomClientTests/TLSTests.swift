import Foundation
import Logging
import MushroomClient
import MushroomRPC
import MushroomServer
import MushroomTLS
import MushroomTestSupport
import Testing

/// https and wss between `MushroomServer` and `MushroomClient`, with a certificate authority the
/// test makes: both transports work, and each certificate problem is refused in one sentence
/// naming the file or the host and the reason.
@Suite(.timeLimit(.minutes(1)))
struct TLSTests {
    /// A server on port 0 presenting `identity`, answering `echo`.
    static func start(_ identity: ServerTLSIdentity) async throws -> RunningMushroomServer {
        var configuration = MushroomServerConfiguration()
        configuration.port = 0
        configuration.tls = identity
        configuration.logger = Logger(label: "test.tls")
        configuration.logger.logLevel = .critical
        var registry = RegistryDispatcher()
        try registry.register("echo") { call in call.data }
        return try await MushroomServer(configuration: configuration, handler: registry).start()
    }

    /// The sentence a bootstrap to `server` fails with when the client trusts `trust`.
    static func refusal(of server: RunningMushroomServer, trust: TLSTrust) async -> String? {
        var configuration = ClientConfiguration()
        configuration.tlsTrust = trust
        configuration.logger.logLevel = .critical
        do {
            let client = try await MushroomClient.connect(url: server.url, configuration: configuration)
            await client.close()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: [TransportKind.webSocket, .poll])
    func requestsAndNotificationsTravelOverTLS(transport: TransportKind) async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let issued = try certificates.issue("server")
        let server = try await Self.start(ServerTLSIdentity(certificateFile: issued.certificateFile, privateKeyFile: issued.keyFile))
        #expect(server.url == "https://127.0.0.1:\(server.port)/")
        var configuration = ClientConfiguration()
        configuration.tlsTrust = try TLSTrust(certificateAuthorityFile: certificates.authorityFile)
        let received = AsyncStream<JSONValue>.makeStream()
        let client = try await MushroomClient.connect(
            url: server.url, transports: [transport],
            handler: ClosureHandler { call in
                received.continuation.yield(call.data)
                return .null
            }, configuration: configuration)
        #expect(client.sessionURL.hasPrefix(transport == .webSocket ? "wss://127.0.0.1:" : "https://127.0.0.1:"))
        #expect(try await client.request("echo", ["over": "tls"]) == ["over": "tls"])
        try server.sessions.notify("pushed", "over tls")
        var notifications = received.stream.makeAsyncIterator()
        #expect(await notifications.next() == "over tls")
        await client.close()
        await server.shutdown()
    }

    @Test func aLongPollClientsIdleTLSConnectionDoesNotHoldTheShutdown() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let issued = try certificates.issue("server")
        let server = try await Self.start(ServerTLSIdentity(certificateFile: issued.certificateFile, privateKeyFile: issued.keyFile))
        var configuration = ClientConfiguration()
        configuration.tlsTrust = try TLSTrust(certificateAuthorityFile: certificates.authorityFile)
        let client = try await MushroomClient.connect(url: server.url, transports: [.poll], configuration: configuration)
        #expect(try await client.request("echo", 1) == 1)
        await client.close()
        // AsyncHTTPClient keeps the connection in its pool and does not answer the server's
        // close_notify: NIOSSL's default wait for it, 5 s, held the stop that long.
        let started = ContinuousClock.now
        await server.shutdown()
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func aCertificateOfAnUnknownAuthorityIsRefused() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let issued = try certificates.issue("server")
        let server = try await Self.start(ServerTLSIdentity(certificateFile: issued.certificateFile, privateKeyFile: issued.keyFile))
        let other = try TestCertificates(name: "another CA")
        defer { other.remove() }
        let expected = "The TLS handshake with 127.0.0.1 failed: the server's certificate is not signed by a trusted certificate authority."
        #expect(await Self.refusal(of: server, trust: .systemStore) == expected)
        #expect(await Self.refusal(of: server, trust: try TLSTrust(certificateAuthorityFile: other.authorityFile)) == expected)
        await server.shutdown()
    }

    @Test func aPlainServerIsNotMistakenForATLSOne() async throws {
        var configuration = MushroomServerConfiguration()
        configuration.port = 0
        configuration.logger.logLevel = .critical
        let server = try await MushroomServer(configuration: configuration).start()
        do {
            let client = try await MushroomClient.connect(url: "https://127.0.0.1:\(server.port)/")
            await client.close()
            Issue.record("an https bootstrap to a plain server succeeded")
        } catch {
            #expect("\(error)" == "The TLS handshake with 127.0.0.1 failed: the server does not answer in TLS (is it a plain http server?).")
        }
        await server.shutdown()
    }

    @Test func aCertificateForAnotherHostIsRefused() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let issued = try certificates.issue("elsewhere", hostNames: ["elsewhere.example"], addresses: [[10, 0, 0, 1]])
        let server = try await Self.start(ServerTLSIdentity(certificateFile: issued.certificateFile, privateKeyFile: issued.keyFile))
        let refusal = await Self.refusal(of: server, trust: try TLSTrust(certificateAuthorityFile: certificates.authorityFile))
        #expect(refusal == "The TLS handshake with 127.0.0.1 failed: the server's certificate is not issued for this host name or address.")
        await server.shutdown()
    }

    @Test func anExpiredCertificateIsRefusedNamingItsDate() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let expiry = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 2).rounded(.down))
        let issued = try certificates.issue("brief", notValidAfter: expiry)
        let server = try await Self.start(ServerTLSIdentity(certificateFile: issued.certificateFile, privateKeyFile: issued.keyFile))
        while Date() <= expiry.addingTimeInterval(1) { try await Task.sleep(for: .milliseconds(100)) }
        let refusal = await Self.refusal(of: server, trust: try TLSTrust(certificateAuthorityFile: certificates.authorityFile))
        #expect(refusal == "The TLS handshake with 127.0.0.1 failed: the server's certificate expired on \(expiry.formatted(.iso8601)).")
        await server.shutdown()
    }

    @Test func aServerRefusesAnExpiredCertificateAtOnce() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let expiry = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 60).rounded(.down))
        let issued = try certificates.issue("old", notValidBefore: expiry.addingTimeInterval(-3600), notValidAfter: expiry)
        #expect(throws: CertificateError("The certificate in '\(issued.certificateFile)' expired on \(expiry.formatted(.iso8601)).")) {
            try ServerTLSIdentity(certificateFile: issued.certificateFile, privateKeyFile: issued.keyFile)
        }
    }

    @Test func aKeyThatIsNotTheCertificatesIsRefused() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let one = try certificates.issue("one")
        let two = try certificates.issue("two")
        #expect(throws: CertificateError("The private key in '\(two.keyFile)' does not match the certificate in '\(one.certificateFile)'.")) {
            try ServerTLSIdentity(certificateFile: one.certificateFile, privateKeyFile: two.keyFile)
        }
    }

    @Test func unreadableAndMalformedFilesAreRefusedNamingTheFile() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let issued = try certificates.issue("server")
        let missing = certificates.directory.appendingPathComponent("missing.pem").path
        let garbage = try certificates.write("not a certificate\n", named: "garbage.pem")
        let directory = certificates.directory.path
        #expect(throws: CertificateError("The certificate file '\(missing)' cannot be read: no such file.")) {
            try ServerTLSIdentity(certificateFile: missing, privateKeyFile: issued.keyFile)
        }
        #expect(throws: CertificateError("The certificate file '\(directory)' cannot be read: it is a directory.")) {
            try ServerTLSIdentity(certificateFile: directory, privateKeyFile: issued.keyFile)
        }
        #expect(throws: CertificateError("The certificate file '\(garbage)' holds no PEM certificate.")) {
            try ServerTLSIdentity(certificateFile: garbage, privateKeyFile: issued.keyFile)
        }
        #expect(throws: CertificateError("The certificate file '\(issued.keyFile)' holds no PEM certificate.")) {
            try ServerTLSIdentity(certificateFile: issued.keyFile, privateKeyFile: issued.keyFile)
        }
        #expect(throws: CertificateError("The private key file '\(missing)' cannot be read: no such file.")) {
            try ServerTLSIdentity(certificateFile: issued.certificateFile, privateKeyFile: missing)
        }
        #expect(throws: CertificateError("The private key file '\(issued.certificateFile)' holds no unencrypted PEM private key.")) {
            try ServerTLSIdentity(certificateFile: issued.certificateFile, privateKeyFile: issued.certificateFile)
        }
        #expect(throws: CertificateError("The CA file '\(missing)' cannot be read: no such file.")) {
            try TLSTrust(certificateAuthorityFile: missing)
        }
        #expect(throws: CertificateError("The CA file '\(garbage)' holds no PEM certificate.")) {
            try TLSTrust(certificateAuthorityFile: garbage)
        }
    }
}
