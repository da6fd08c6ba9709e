import Foundation
import MushroomRPC

/// In-flight requests (oldest first) followed by recently finished ones (newest first), as one list.
public struct RequestsSnapshot: Sendable, Hashable {
    /// The visible rows, at most the requests pane's rows (`DashboardLayout.rows(for:)`).
    public let rows: [RequestRow]
    /// Index into `rows` of the selected row, when it is visible.
    public let selectedRow: Int?
    /// Requests in flight (both directions).
    public let inFlightCount: Int
    /// Requests finished since the model started.
    public let finishedTotal: Int
    /// Outbound requests that timed out since the model started.
    public let timeouts: Int
    /// Responses that arrived after their request's timeout, since the model started.
    public let lateResponses: Int
    /// Latency percentiles per method (answered requests only), slowest p99 first, at most
    /// `DashboardLayout.methodRows`.
    public let latencies: [MethodLatency]
}

/// One request, in flight or finished.
public struct RequestRow: Sendable, Hashable {
    /// The index of the server it was exchanged with (`DashboardConfiguration.servers`).
    public let server: Int
    /// Who asked: we (outbound) or the peer (inbound).
    public let direction: RequestDirection
    /// The request's message id.
    public let id: MessageID
    /// The method called.
    public let method: String
    /// The request's payload.
    public let data: JSONValue
    /// Waiting, or how it ended.
    public let status: Status

    /// In flight or finished, with the details of each.
    public enum Status: Sendable, Hashable {
        case inFlight(InFlight)
        case finished(Finished)
    }

    /// Timing of a request still waiting.
    public struct InFlight: Sendable, Hashable {
        /// Time since it started.
        public let elapsed: Duration
        /// Time left before its deadline (negative once overdue); `nil` without a deadline.
        public let remaining: Duration?
        /// Elapsed over the whole timeout, clamped to 0...1; `nil` without a deadline.
        public let fractionUsed: Double?
        /// How close it is to its deadline.
        public let state: InFlightState
    }

    /// How a finished request ended.
    public struct Finished: Sendable, Hashable {
        /// Response, Error, timeout, cancellation or lost connection.
        public let outcome: RequestOutcome
        /// From start to finish, as the engine measured it.
        public let latency: Duration
        /// A response arrived after the request had timed out.
        public let lateResponse: Bool
    }
}

/// How close an in-flight request is to its deadline (for countdown colours).
public enum InFlightState: String, Sendable, Hashable {
    /// Less than `nearDeadlineFraction` of the timeout used, or no deadline.
    case waiting
    /// At least `nearDeadlineFraction` used.
    case nearDeadline
    /// Past its deadline and not finished yet.
    case overdue

    /// The fraction of the timeout from which a request counts as near its deadline.
    public static let nearDeadlineFraction = 0.75
}

/// Latency percentiles of one method, from a bounded log-scale histogram (about 4.5% resolution),
/// with its timeouts and late responses. The latencies are `nil` while no request was answered.
public struct MethodLatency: Sendable, Hashable {
    /// The method measured.
    public let method: String
    /// Answered requests (Response or Error) measured.
    public let count: Int
    /// The median latency.
    public let p50: Duration?
    /// The 90th percentile latency.
    public let p90: Duration?
    /// The 99th percentile latency.
    public let p99: Duration?
    /// The slowest answer (exact, not from the histogram).
    public let maximum: Duration?
    /// Outbound requests of this method that timed out.
    public let timeouts: Int
    /// Responses that arrived after their request's timeout (answered late).
    public let lateResponses: Int
}
