import Foundation
import MushroomRPC

/// Heartbeat and connection status with ages and countdowns computed for the snapshot's instant.
public struct ConnectionSnapshot: Sendable, Hashable {
    public let state: ConnectionState
    /// When the state began, and for how long it has held.
    public let since: Date?
    public let stateAge: Duration?
    /// The transport's name (e.g. "websocket", "poll") once connected.
    public let transport: String?
    public let url: String?
    public let sessionID: String?
    /// Last heartbeat sent / received and their ages.
    public let lastHeartbeatSent: Date?
    public let lastHeartbeatSentAge: Duration?
    public let lastHeartbeatReceived: Date?
    public let lastHeartbeatReceivedAge: Duration?
    /// The highest message id we sent in this session.
    public let lastIDSent: MessageID?
    /// The highest of our ids the peer acknowledged (from its heartbeats).
    public let lastIDAcknowledged: MessageID?
    /// Messages sent and not yet acknowledged.
    public let unacknowledged: Int
    /// The highest message id received from the peer in this session.
    public let lastIDReceived: MessageID?
    /// Smoothed round trip (RFC 6298 SRTT, gain 1/8) of acknowledgements: the time from sending a
    /// message to receiving the first heartbeat that acknowledges it. It includes the peer's
    /// acknowledgement delay (none for an immediate-acknowledging server).
    public let roundTrip: Duration?
    /// The latest such sample.
    public let lastRoundTripSample: Duration?
    /// Successful connections after the first.
    public let reconnects: Int
    /// The next scheduled attempt and the time left before it (zero once due); `nil` when none is scheduled.
    public let nextRetryAttempt: Int?
    public let retryCountdown: Duration?
    /// Sessions lost since the model started.
    public let sessionsLost: Int
    /// Messages sent / received (heartbeats included) and duplicates dropped.
    public let messagesSent: Int
    public let messagesReceived: Int
    public let duplicatesDropped: Int
}

/// The transport's state as last reported.
public enum ConnectionState: Sendable, Hashable {
    /// Nothing reported yet.
    case idle
    /// Opening a connection (attempt 1 is the first).
    case connecting(attempt: Int)
    case connected
    /// Dropped; the session may still resume.
    case disconnected(reason: String)
    /// Waiting for the next attempt (see `ConnectionSnapshot.retryCountdown`).
    case waitingToReconnect(attempt: Int)
    /// Closed for good.
    case closed(reason: String)
}
