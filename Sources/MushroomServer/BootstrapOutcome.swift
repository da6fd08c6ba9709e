/// How a bootstrap request ended, as `mushroom_bootstraps_total{status}` counts it: a fixed set,
/// so that the status label stays bounded whatever clients send.
enum BootstrapOutcome: String, Sendable, CaseIterable {
    /// A session was created.
    case created
    /// The body (or the Host header) could not be read as a bootstrap request, or asked for more
    /// topic patterns than a session may hold: `400`, `413`.
    case invalid
    /// None of the offered transports is spoken here: `501`.
    case unsupportedTransport = "unsupported_transport"
    /// The session handler refused the client: `401`.
    case unauthorized
    /// The client's address holds too many unopened sessions: `429`.
    case tooManyUnopened = "too_many_unopened"
    /// The server is shutting down: `503`.
    case shuttingDown = "shutting_down"

    init(_ refusal: BootstrapRefused) {
        self = switch refusal {
        case .shuttingDown: .shuttingDown
        case .tooManyUnopened: .tooManyUnopened
        case .tooManyPatterns: .invalid
        }
    }
}
