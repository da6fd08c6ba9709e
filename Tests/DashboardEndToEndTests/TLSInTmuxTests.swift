import Foundation
import MushroomTestSupport
import Testing

/// `mushroom dash` on an https server: with `--cacert` it connects over wss; without it the
/// certificate's refusal is the sentence the dashboard ends with.
@Suite(.enabled(if: Tmux.path != nil, "tmux is not installed"), .timeLimit(.minutes(1)))
struct TLSInTmuxTests {
    /// `mushroom serve --demo` over TLS with a certificate of `certificates` for 127.0.0.1.
    static func serve(_ certificates: TestCertificates) async throws -> ServeProcess {
        let issued = try certificates.issue("server")
        return try await ServeProcess.start(arguments: ["--demo", "--no-traffic", "--tls-cert", issued.certificateFile, "--tls-key", issued.keyFile])
    }

    @Test func theDashboardConnectsOverWSSWithItsCA() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try await Self.serve(certificates)
        let session = Tmux(name: "mushroom-tls-\(ProcessInfo.processInfo.processIdentifier)")
        try await session.start(
            "TERM=tmux-256color \(builtMushroomExecutable.path) dash \(server.url) --cacert \(certificates.authorityFile); echo \"exited with $?\"; sleep 30")
        defer { session.stop() }
        let connected = try await session.waitForScreen(timeout: .seconds(10)) { $0.contains("connected") && $0.contains("ticker.tick") }
        #expect(connected.contains("wss://127.0.0.1:"))
        try await session.run("send-keys", "-t", session.name, "q")
        let after = try await session.waitForScreen(timeout: .seconds(5)) { $0.contains("exited with") }
        #expect(after.contains("exited with 0"))
        #expect(await server.stop() == 0)
    }

    @Test func anUntrustedCertificateEndsTheDashboardWithItsSentence() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try await Self.serve(certificates)
        let session = Tmux(name: "mushroom-untrusted-\(ProcessInfo.processInfo.processIdentifier)")
        try await session.start("TERM=tmux-256color \(builtMushroomExecutable.path) dash \(server.url); echo \"exited with $?\"; sleep 30")
        defer { session.stop() }
        let after = try await session.waitForScreen(timeout: .seconds(10)) { $0.contains("exited with") }
        #expect(after.contains("mushroom: The TLS handshake with 127.0.0.1 failed: the server's certificate is not signed by a trusted"))
        #expect(after.contains("exited with 1"))
        #expect(await server.stop() == 0)
    }
}
