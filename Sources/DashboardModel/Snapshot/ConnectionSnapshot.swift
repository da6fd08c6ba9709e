import Foundation
import MushroomRPC

/// Heartbeat and connection status with ages and countdowns computed for the snapshot's instant.
public struct ConnectionSnapshot: Sendable, Hashable {
    /// The transport's state as last reported.
    public let state: ConnectionState
    /// How long the state has held at the snapshot's instant.
    public let stateAge: Duration?
    /// The transport's name (e.g. "websocket", "poll") once connected.
    public let transport: String?
    /// The URL connected or connecting to.
    public let url: String?
    /// The server's session id, when known.
    public let sessionID: String?
    /// Time since the last heartbeat sent.
    public let lastHeartbeatSentAge: Duration?
    /// Time since the last heartbeat arrived.
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
    /// Successful connections after the first.
    public let reconnects: Int
    /// Time left before the next attempt, zero once due.
    public let retryCountdown: Duration?
    /// Sessions lost since the model started.
    public let sessionsLost: Int
    /// Messages sent (heartbeats and retransmissions included).
    public let messagesSent: Int
    /// Messages received (heartbeats included, duplicates not).
    public let messagesReceived: Int
    /// Inbound messages dropped as already processed.
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
