import AsyncHTTPClient
import Foundation
import MushroomTLS
import NIOCore
import NIOPosix
import NIOSSL

/// What kind of network failure an error from NIO, AsyncHTTPClient or NIOSSL is, so that each
/// becomes one sentence a person understands.
enum NetworkFailure: Sendable, Hashable {
    case refused
    case unresolvable
    case tls(String)
    case timedOut
    case other(String)

    init(_ error: any Error) {
        switch error {
        case let error as NIOConnectionError:
            if error.connectionErrors.contains(where: { Self.isRefusal($0.error) }) {
                self = .refused
            } else if error.connectionErrors.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil {
                self = .unresolvable
            } else {
                self = .other(String(describing: error))
            }
        case let error as SocketAddressError:
            if case .unknown = error { self = .unresolvable } else { self = .other(String(describing: error)) }
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            self = .tls(Self.wrongHost)
        case let error as NIOSSLError where String(describing: error).contains("CERTIFICATE_VERIFY_FAILED"):
            self = .tls(Self.certificateRefused)
        case let error as NIOSSLError where String(describing: error).contains("WRONG_VERSION_NUMBER"):
            self = .tls("the server does not answer in TLS (is it a plain http server?)")
        case let error as NIOSSLError:
            self = .tls(String(describing: error))
        case let error as BoringSSLError:
            self = .tls(String(describing: error))
        case let error as NIOSSLExtraError:
            self = .tls(String(describing: error))
        case let error as HTTPClientError where [.connectTimeout, .deadlineExceeded, .readTimeout, .writeTimeout].contains(error):
            self = .timedOut
        case let error as ChannelError where Self.isConnectTimeout(error):
            self = .timedOut
        default:
            self = Self.isRefusal(error) ? .refused : .other(String(describing: error))
        }
    }

    /// The reason of a certificate that does not name the host connected to.
    static let wrongHost = "the server's certificate is not issued for this host name or address"
    /// The reason of a certificate refused by the chain's verification, before it is known why.
    static let certificateRefused = "the server's certificate is not trusted (it expired, or no trusted certificate authority signed it)"

    /// The failure of a connection to `endpoint`, with a refused certificate explained: the
    /// certificate the server presents, asked for again without trusting it, tells an expired one
    /// from one that no trusted authority signed.
    static func explaining(_ error: any Error, at endpoint: Endpoint, timeout: Duration) async -> NetworkFailure {
        let failure = NetworkFailure(error)
        guard failure == .tls(certificateRefused),
            let certificate = await CertificateProbe.presentedCertificate(at: endpoint, timeout: timeout)
        else { return failure }
        if let problem = certificate.validityProblem() { return .tls("the server's certificate \(problem)") }
        return .tls("the server's certificate is not signed by a trusted certificate authority")
    }

    private static func isRefusal(_ error: any Error) -> Bool {
        (error as? IOError)?.errnoCode == ECONNREFUSED
    }

    private static func isConnectTimeout(_ error: ChannelError) -> Bool {
        if case .connectTimeout = error { true } else { false }
    }

    /// The failure as a bootstrap error for `url` on `host`:`port`.
    func bootstrapError(url: String, host: String, port: Int) -> BootstrapError {
        switch self {
        case .refused: .connectionRefused(host: host, port: port)
        case .unresolvable: .unresolvableHost(host)
        case .tls(let reason): .tlsFailure(host: host, reason: reason)
        case .timedOut: .timedOut(url: url)
        case .other(let reason): .connectionFailed(url: url, reason: reason)
        }
    }

    /// A short phrase for events and logs.
    var reason: String {
        switch self {
        case .refused: "connection refused"
        case .unresolvable: "host name does not resolve"
        case .tls(let reason): "TLS failure: \(reason)"
        case .timedOut: "timed out"
        case .other(let reason): reason
        }
    }
}
