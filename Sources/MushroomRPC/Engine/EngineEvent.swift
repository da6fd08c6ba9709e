import Foundation

/// Something that happened on an engine or its transport, stamped with the engine clock's time.
/// The dashboard's model is built from a stream of these.
public struct EngineEvent: Sendable {
    public let time: Date
    public let kind: Kind

    public init(time: Date, kind: Kind) {
        self.time = time
        self.kind = kind
    }

    public enum Kind: Sendable {
        /// A message was handed to the transport (including Heartbeats and retransmissions).
        case messageSent(Message)
        /// A message arrived and was accepted (including Heartbeats).
        case messageReceived(Message)
        /// A message arrived whose id was already processed, and was dropped.
        case duplicateDropped(MessageID)
        /// A request started, in either direction.
        case requestStarted(RequestStart)
        /// A request ended, in either direction.
        case requestFinished(RequestFinish)
        /// A Response or Error arrived for no pending request; `late` when that request had timed out.
        case unmatchedResponse(requestID: MessageID, late: Bool)
        /// A frame or message could not be parsed, or broke a rule; the engine kept serving.
        case protocolError(String)
        /// The outbound buffer reached a bound and a message was refused.
        case outboundOverflow(OutboundBufferFull)
        /// The transport's state changed.
        case transport(TransportEvent)
    }
}

/// Which side started a request.
public enum RequestDirection: String, Sendable, Hashable {
    /// We asked the peer.
    case outbound
    /// The peer asked us.
    case inbound
}

/// A request that has started.
public struct RequestStart: Sendable, Hashable {
    public let direction: RequestDirection
    public let id: MessageID
    public let method: String
    public let data: JSONValue
    /// When an outbound request gives up; `nil` when it waits forever.
    public let deadline: Date?

    public init(direction: RequestDirection, id: MessageID, method: String, data: JSONValue, deadline: Date?) {
        self.direction = direction
        self.id = id
        self.method = method
        self.data = data
        self.deadline = deadline
    }
}

/// How a request ended.
public enum RequestOutcome: Sendable, Hashable {
    /// Answered with a Response carrying this data.
    case response(JSONValue)
    /// Answered with an Error carrying this data.
    case error(JSONValue)
    /// No answer before the deadline.
    case timeout
    /// The waiting task was cancelled.
    case cancelled
    /// The connection or session ended first.
    case connectionLost(String)
}

/// A request that has ended.
public struct RequestFinish: Sendable, Hashable {
    public let direction: RequestDirection
    public let id: MessageID
    public let method: String
    public let outcome: RequestOutcome
    public let latency: Duration

    public init(direction: RequestDirection, id: MessageID, method: String, outcome: RequestOutcome, latency: Duration) {
        self.direction = direction
        self.id = id
        self.method = method
        self.outcome = outcome
        self.latency = latency
    }
}

/// A transport's view of its connection, published through the engine's event stream.
public enum TransportEvent: Sendable, Hashable {
    /// Opening a connection (attempt 1 is the first).
    case connecting(url: String, attempt: Int)
    /// Connected; `sessionID` is the server's session when known.
    case connected(transport: String, url: String, sessionID: String?)
    /// The connection dropped; the session may still resume.
    case disconnected(reason: String)
    /// The next connection attempt is due after `delay`.
    case reconnectScheduled(attempt: Int, delay: Duration)
    /// The old session is gone (its pending requests failed); a new one follows.
    case sessionLost(reason: String)
    /// The new session could not recover every publication after `since` (a positioned
    /// subscription, in a cluster): what the old session missed is gone, and the stream goes on
    /// from the new session's position.
    case notRecovered(since: StreamPosition, reason: String)
    /// Closed for good.
    case closed(reason: String)
}
