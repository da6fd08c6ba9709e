/// Why a bootstrap (the POST that negotiates a transport and opens a session) failed. Each case
/// reads as one sentence a person can act on.
public enum BootstrapError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URL cannot be used (not http/https, no host, a port beyond 65535...).
    case invalidURL(EndpointError)
    /// 401: the server rejected the `auth` value.
    case authenticationRejected(url: String)
    /// 404: nothing at that URL.
    case notFound(url: String)
    /// 405: the URL does not accept a POST.
    case methodNotAllowed(url: String)
    /// 501: the server supports none of the transports offered.
    case noCommonTransport(offered: [String])
    /// Another HTTP status.
    case unexpectedStatus(Int, url: String)
    /// A 200 whose body is not `{"transport": ..., "url": ...}` for an offered transport.
    case unexpectedAnswer(String)
    /// Nothing listens at that host and port.
    case connectionRefused(host: String, port: Int)
    /// The host name does not resolve.
    case unresolvableHost(String)
    /// The TLS handshake failed.
    case tlsFailure(host: String, reason: String)
    /// No answer in time.
    case timedOut(url: String)
    /// Any other network failure.
    case connectionFailed(url: String, reason: String)

    public var description: String {
        switch self {
        case .invalidURL(let error):
            "'\(error.url)' is not a usable mushroom URL: \(error.reason)."
        case .authenticationRejected(let url):
            "The server at \(url) rejected the credentials (401 Unauthorized)."
        case .notFound(let url):
            "There is no mushroom endpoint at \(url) (404 Not Found)."
        case .methodNotAllowed(let url):
            "\(url) does not accept a bootstrap POST (405 Method Not Allowed); is it the right URL?"
        case .noCommonTransport(let offered):
            "The server supports none of the offered transports (\(offered.joined(separator: ", "))) (501 Not Implemented)."
        case .unexpectedStatus(let status, let url):
            "The bootstrap POST to \(url) was answered with HTTP status \(status)."
        case .unexpectedAnswer(let detail):
            "The server's bootstrap answer is not what a mushroom server sends: \(detail)."
        case .connectionRefused(let host, let port):
            "Connection refused by \(host):\(port); is the server running?"
        case .unresolvableHost(let host):
            "The host name '\(host)' cannot be resolved."
        case .tlsFailure(let host, let reason):
            "The TLS handshake with \(host) failed: \(reason)."
        case .timedOut(let url):
            "No answer from \(url) in time."
        case .connectionFailed(let url, let reason):
            "Could not reach \(url): \(reason)."
        }
    }
}
