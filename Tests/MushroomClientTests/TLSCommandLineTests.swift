import Foundation
import MushroomTestSupport
import Testing

/// TLS through the built `mushroom` binary: `serve --tls-cert --tls-key` serves https and wss,
/// the client commands reach it with `--cacert`, and every certificate problem ends in one
/// sentence and exit status 1, at the server before it listens.
@Suite(.timeLimit(.minutes(2)))
struct TLSCommandLineTests {
    static func mushroom(_ arguments: [String]) async throws -> ChildProcessOutcome {
        try await runChildProcess(builtMushroomExecutable, arguments: arguments)
    }

    /// `mushroom serve --demo` over TLS presenting `issued` (for localhost and 127.0.0.1 unless it says otherwise).
    static func serve(_ issued: TestCertificates.Issued) async throws -> ServeProcess {
        try await ServeProcess.start(arguments: [
            "--demo", "--no-traffic", "--tls-cert", issued.certificateFile, "--tls-key", issued.keyFile,
        ])
    }

    @Test func clientCommandsReachATLSServerWithTheirCA() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try await Self.serve(try certificates.issue("server"))
        #expect(server.url.hasPrefix("https://127.0.0.1:"))
        let ca = ["--cacert", certificates.authorityFile]
        for transport in ["ws", "poll"] {
            let answer = try await Self.mushroom(["call", server.url, "echo", "[1]", "--transport", transport] + ca)
            #expect(answer.stdout == "[1]\n", "\(transport): \(answer.stderr)")
            #expect(answer.status == 0)
        }
        let notified = try await Self.mushroom(["notify", server.url, "publish", #"{"topic":"t"}"#] + ca)
        #expect(notified.status == 0, "\(notified.stderr)")
        let watched = try await Self.mushroom(["watch", server.url, "--count", "1", "--json"] + ca)
        #expect(watched.status == 0, "\(watched.stderr)")
        #expect(watched.stdout.contains(#""method":"ticker.tick""#))
        let bench = try await Self.mushroom(["bench", server.url, "--duration", "0.5", "--warmup", "0", "--json"] + ca)
        #expect(bench.status == 0, "\(bench.stderr)")
        #expect(bench.stdout.contains(#""name":"#))
        #expect(await server.stop() == 0)
    }

    @Test func aClientWithoutTheCARefusesTheServer() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try await Self.serve(try certificates.issue("server"))
        let sentence = "mushroom: The TLS handshake with 127.0.0.1 failed: the server's certificate is not signed by a trusted certificate authority.\n"
        for command in [["call", server.url, "echo"], ["notify", server.url, "publish"], ["watch", server.url]] {
            let refused = try await Self.mushroom(command)
            #expect(refused.status == 1, "\(command[0])")
            #expect(refused.stderr == sentence, "\(command[0])")
        }
        let bench = try await Self.mushroom(["bench", server.url, "--duration", "0.5", "--warmup", "0"])
        #expect(bench.status == 1)
        #expect(bench.stderr == sentence)
        #expect(await server.stop() == 0)
    }

    @Test func aClientRefusesACertificateForAnotherHost() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try await Self.serve(try certificates.issue("elsewhere", hostNames: ["elsewhere.example"], addresses: []))
        let refused = try await Self.mushroom(["call", server.url, "echo", "--cacert", certificates.authorityFile])
        #expect(refused.status == 1)
        #expect(refused.stderr == "mushroom: The TLS handshake with 127.0.0.1 failed: the server's certificate is not issued for this host name or address.\n")
        #expect(await server.stop() == 0)
    }

    @Test func anUnusableCAFileIsOneSentence() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let missing = certificates.directory.appendingPathComponent("missing.pem").path
        for command in ["call", "notify", "watch", "dash", "bench"] {
            let arguments = [command, "https://127.0.0.1:9/"] + (["call", "notify"].contains(command) ? ["echo"] : []) + ["--cacert", missing]
            let refused = try await Self.mushroom(arguments)
            #expect(refused.status == 1, "\(command)")
            #expect(refused.stderr == "mushroom: The CA file '\(missing)' cannot be read: no such file.\n", "\(command)")
        }
    }

    @Test func theServerRefusesUnusableCertificatesAtStart() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let one = try certificates.issue("one")
        let two = try certificates.issue("two")
        let expiry = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 60).rounded(.down))
        let old = try certificates.issue("old", notValidBefore: expiry.addingTimeInterval(-3600), notValidAfter: expiry)
        let missing = certificates.directory.appendingPathComponent("missing.pem").path
        let garbage = try certificates.write("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n", named: "garbage.pem")
        let cases: [([String], String)] = [
            ([missing, one.keyFile], "The certificate file '\(missing)' cannot be read: no such file."),
            ([garbage, one.keyFile], "The certificate file '\(garbage)' holds no PEM certificate."),
            ([one.certificateFile, missing], "The private key file '\(missing)' cannot be read: no such file."),
            ([one.certificateFile, garbage], "The private key file '\(garbage)' holds no unencrypted PEM private key."),
            ([one.certificateFile, two.keyFile], "The private key in '\(two.keyFile)' does not match the certificate in '\(one.certificateFile)'."),
            ([old.certificateFile, old.keyFile], "The certificate in '\(old.certificateFile)' expired on \(expiry.formatted(.iso8601))."),
        ]
        for (files, sentence) in cases {
            let result = try await Self.mushroom(["serve", "--port", "0", "--tls-cert", files[0], "--tls-key", files[1]])
            #expect(result.status == 1, "\(sentence)")
            #expect(result.stdout == "")
            #expect(result.stderr == "mushroom: \(sentence)\n")
        }
        let alone = try await Self.mushroom(["serve", "--port", "0", "--tls-cert", one.certificateFile])
        #expect(alone.status == 1)
        #expect(alone.stderr == "mushroom: --tls-cert and --tls-key go together: give both to serve TLS, or neither\nRun 'mushroom help' for usage.\n")
    }
}
