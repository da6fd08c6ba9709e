import Foundation
import MushroomRPC

/// Connection state, heartbeats, id bookkeeping and the acknowledgement round trip.
struct ConnectionTracker: Sendable {
    private(set) var state = ConnectionState.idle
    private(set) var since: Date?
    private(set) var transport: String?
    private(set) var url: String?
    private(set) var sessionID: String?
    private(set) var lastHeartbeatSent: Date?
    private(set) var lastHeartbeatReceived: Date?
    /// When the last message of any kind was received.
    private(set) var lastReceived: Date?
    private(set) var lastIDSent: MessageID?
    private(set) var lastIDAcknowledged: MessageID?
    private(set) var lastIDReceived: MessageID?
    private(set) var roundTrip: Double?
    private(set) var connections = 0
    /// When the scheduled reconnection attempt is due.
    private(set) var retryDue: Date?
    private(set) var sessionsLost = 0
    private(set) var messagesSent = 0
    private(set) var messagesReceived = 0
    private(set) var duplicatesDropped = 0
    /// When each recent id was first sent, indexed by id modulo the capacity.
    private var sendTimes: [(id: MessageID, time: Date)?]

    init(sendTimeCapacity: Int = 4096) {
        sendTimes = Array(repeating: nil, count: sendTimeCapacity)
    }

    var unacknowledged: Int {
        guard let lastIDSent else { return 0 }
        return lastIDSent - (lastIDAcknowledged ?? -1)
    }

    mutating func sent(_ message: Message, at time: Date) {
        messagesSent += 1
        if case .heartbeat = message {
            lastHeartbeatSent = time
        } else if let id = message.id, id > (lastIDSent ?? -1) {
            lastIDSent = id
            sendTimes[id % sendTimes.count] = (id, time)
        }
    }

    mutating func received(_ message: Message, at time: Date) {
        messagesReceived += 1
        lastReceived = time
        if case .heartbeat(let heartbeat) = message {
            lastHeartbeatReceived = time
            acknowledge(heartbeat.lastMessageID, at: time)
        } else if let id = message.id, id > (lastIDReceived ?? -1) {
            lastIDReceived = id
        }
    }

    /// Counts `count` messages received that the model did not see (dropped by the engine's subscription).
    mutating func receivedUnseen(_ count: Int) {
        messagesReceived += count
    }

    mutating func duplicateDropped() {
        duplicatesDropped += 1
    }

    private mutating func acknowledge(_ id: MessageID?, at time: Date) {
        guard let id, id > (lastIDAcknowledged ?? -1) else { return }
        lastIDAcknowledged = id
        guard let sent = sendTimes[id % sendTimes.count], sent.id == id else { return }
        let sample = time.timeIntervalSince(sent.time)
        roundTrip = roundTrip.map { $0 + (sample - $0) / 8 } ?? sample
    }

    mutating func transport(_ event: TransportEvent, at time: Date) {
        let previous = state
        switch event {
        case .connecting(let url, let attempt):
            self.url = url
            state = .connecting(attempt: attempt)
            retryDue = nil
        case .connected(let transport, let url, let sessionID):
            self.transport = transport
            self.url = url
            self.sessionID = sessionID
            state = .connected
            connections += 1
            retryDue = nil
        case .disconnected(let reason):
            state = .disconnected(reason: reason)
        case .reconnectScheduled(let attempt, let delay):
            state = .waitingToReconnect(attempt: attempt)
            retryDue = time.addingTimeInterval(delay.timeInterval)
        case .sessionLost:
            sessionsLost += 1
            sessionID = nil
            lastIDSent = nil
            lastIDAcknowledged = nil
            lastIDReceived = nil
            sendTimes = Array(repeating: nil, count: sendTimes.count)
        case .closed(let reason):
            state = .closed(reason: reason)
            retryDue = nil
        case .notRecovered:
            break
        }
        if state != previous { since = time }
    }

    func snapshot(at now: Date) -> ConnectionSnapshot {
        func age(_ date: Date?) -> Duration? { date.map { .seconds(now.timeIntervalSince($0)) } }
        return ConnectionSnapshot(
            state: state, stateAge: age(since), transport: transport, url: url, sessionID: sessionID,
            lastHeartbeatSentAge: age(lastHeartbeatSent), lastHeartbeatReceivedAge: age(lastHeartbeatReceived),
            lastIDSent: lastIDSent, lastIDAcknowledged: lastIDAcknowledged, unacknowledged: unacknowledged,
            lastIDReceived: lastIDReceived, roundTrip: roundTrip.map { .seconds($0) }, reconnects: max(0, connections - 1),
            retryCountdown: retryDue.map { .seconds(max(0, $0.timeIntervalSince(now))) },
            sessionsLost: sessionsLost, messagesSent: messagesSent, messagesReceived: messagesReceived,
            duplicatesDropped: duplicatesDropped)
    }
}

/// The connection pane shows the tracker; it has no list to select in, scroll or clear.
extension ConnectionTracker: PaneModel {}
