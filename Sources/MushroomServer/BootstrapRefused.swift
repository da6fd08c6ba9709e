import Hummingbird

/// Why `SessionList` refused to create a session; the description is the HTTP answer's body.
enum BootstrapRefused: Error, Hashable, CustomStringConvertible {
    /// The server is shutting down.
    case shuttingDown
    /// The client's address already holds `limit` sessions that were never opened.
    case tooManyUnopened(address: String, limit: Int)
    /// The bootstrap's positioned subscription holds more patterns than a session may.
    case tooManyPatterns(TopicSubscriptions.LimitExceeded)

    var status: HTTPResponse.Status {
        switch self {
        case .shuttingDown: .serviceUnavailable
        case .tooManyUnopened: .tooManyRequests
        case .tooManyPatterns: .badRequest
        }
    }

    var description: String {
        switch self {
        case .shuttingDown:
            "the server is shutting down; bootstrap again once it is back"
        case .tooManyUnopened(let address, let limit):
            "\(address) already holds \(limit) sessions that were never opened; open them or wait for them to expire"
        case .tooManyPatterns(let error):
            "\"subscribe\": \(error.description)"
        }
    }
}
