import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// Asks a TLS server for the certificate it presents, without trusting it: when the handshake
/// refused the certificate, its dates tell an expired one from one whose authority is not
/// trusted. The probe's handshake is failed as soon as the certificate is seen.
enum CertificateProbe {
    /// The leaf certificate `endpoint` presents, `nil` if none came within `timeout`.
    static func presentedCertificate(at endpoint: Endpoint, timeout: Duration) async -> NIOSSLCertificate? {
        guard let context = try? NIOSSLContext(configuration: .makeClientConfiguration()) else { return nil }
        let presented = Presented()
        let serverName = endpoint.hostIsAddress ? nil : endpoint.host
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(TimeAmount(timeout))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handler = try NIOSSLClientHandler(
                            context: context, serverHostname: serverName,
                            customVerificationCallback: { chain, verdict in
                                presented.certificate.withLock { $0 = chain.first }
                                verdict.succeed(NIOSSLVerificationResult.failed)
                            })
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                }
                .connect(host: endpoint.host, port: endpoint.port).get()
            let deadline = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) { channel.close(promise: nil) }
            try? await channel.closeFuture.get()
            deadline.cancel()
        } catch {
            return nil
        }
        return presented.certificate.withLock { $0 }
    }
}

/// The certificate the probe's verification callback saw.
private final class Presented: Sendable {
    let certificate = Mutex<NIOSSLCertificate?>(nil)
}
