import Foundation
import Synchronization

/// An engine's messages on the wire: ids numbered gaplessly from 0, outbound messages buffered
/// until the peer acknowledges them (`ReliableChannel`) and queued on the attached connection in
/// wire order, inbound duplicates told apart, Heartbeats written when the acknowledgement policy
/// says, and the transport rules of `TransportEnd` applied. Publishes `messageSent` and
/// `messageReceived` as it goes, and hands the same messages to the tap.
final class MessageChannel: Sendable {
    struct Closure {
        let reason: String
        /// Whether the peer is told with a Disconnect.
        let farewell: Bool
    }

    private struct State {
        var nextID = 0
        var reliable: ReliableChannel
        var connection: EngineConnection?
        var attachments = 0
        var closure: Closure?
        var refusal: OutboundBufferFull?
        var receivedSinceAcknowledgement = 0
        var idleAcknowledgementScheduled = false
        var traffic = MessageTraffic()
    }

    private let configuration: EngineConfiguration
    private let hub: EventHub
    private let state: Mutex<State>

    init(configuration: EngineConfiguration, hub: EventHub) {
        self.configuration = configuration
        self.hub = hub
        self.state = Mutex(State(reliable: Self.emptyBuffer(configuration)))
    }

    private static func emptyBuffer(_ configuration: EngineConfiguration) -> ReliableChannel {
        ReliableChannel(
            maximumUnacknowledged: configuration.maximumUnacknowledged,
            maximumUnacknowledgedBytes: configuration.maximumUnacknowledgedBytes)
    }

    private var transport: TransportEnd? { configuration.transport }

    // MARK: Sending

    func nextID() -> MessageID {
        state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
    }

    /// Numbers a new message with the next id and sends it, in one step so that ids go out in
    /// order; `register` runs first, before the message can reach the wire (a request's entry
    /// must exist before its answer can arrive). Returns the id.
    func sendNew(
        _ make: (MessageID) -> Message, register: (MessageID, inout Deferred) -> Void = { _, _ in }, _ deferred: inout Deferred
    ) throws -> MessageID {
        try state.withLock { state in try sendNew(make, register: register, in: &state, &deferred) }
    }

    /// Sends a copy of each of `notifications`, numbered with the next ids, in one locked step.
    func sendNew(_ notifications: [Message.Notification], _ deferred: inout Deferred) throws {
        try state.withLock { state in
            for notification in notifications {
                _ = try sendNew({ .notification(notification.numbered($0)) }, in: &state, &deferred)
            }
        }
    }

    private func sendNew(
        _ make: (MessageID) -> Message, register: (MessageID, inout Deferred) -> Void = { _, _ in }, in state: inout State,
        _ deferred: inout Deferred
    ) throws -> MessageID {
        let id = state.nextID
        let message = make(id)
        try buffer(message, in: &state, &deferred)
        state.nextID += 1
        register(id, &deferred)
        write(message, in: &state, &deferred)
        return id
    }

    /// Sends a message as it is (its id, if any, came from `nextID()`).
    func send(_ message: Message, _ deferred: inout Deferred) throws {
        try state.withLock { state in
            try buffer(message, in: &state, &deferred)
            write(message, in: &state, &deferred)
        }
    }

    private func buffer(_ message: Message, in state: inout State, _ deferred: inout Deferred) throws {
        if let closure = state.closure { throw ConnectionLost(closure.reason) }
        do {
            try state.reliable.buffer(message)
        } catch {
            state.refusal = error
            hub.publish(.outboundOverflow(error), &deferred)
            throw error
        }
    }

    private func write(_ message: Message, in state: inout State, _ deferred: inout Deferred) {
        guard let connection = state.connection else { return }
        if connection.enqueue(message) { deferred.wake(connection) }
        state.traffic.sent.count(message.code)
        hub.sent(message, &deferred)
    }

    /// The bound the outbound buffer reached when it last refused a message.
    var refusal: OutboundBufferFull? { state.withLock { $0.refusal } }

    var unacknowledgedCount: Int { state.withLock { $0.reliable.unacknowledgedCount } }

    /// The messages sent and received so far, by code.
    var traffic: MessageTraffic { state.withLock { $0.traffic } }

    // MARK: Connections

    /// Attaches a new connection, replacing the current one. Every unacknowledged message is
    /// queued on it again, in order, followed by a Heartbeat when something was received and
    /// acknowledgements are automatic, or when the transport greets a resumed connection.
    func attach(wake: @escaping @Sendable (EngineConnection) -> Void, _ deferred: inout Deferred) -> EngineConnection {
        state.withLock { state in
            state.attachments += 1
            state.connection?.detach()
            let connection = EngineConnection(wake: wake)
            guard state.closure == nil else {
                connection.detach()
                return connection
            }
            state.connection = connection
            for message in state.reliable.unacknowledged { write(message, in: &state, &deferred) }
            let resumed = state.attachments > 1 && transport?.greetsResumedConnections == true
            let acknowledges = configuration.acknowledgement != .manual && state.reliable.lastReceivedID != nil
            if resumed || acknowledges { writeHeartbeat(in: &state, &deferred) }
            return connection
        }
    }

    /// Detaches `connection` if it is still the current one.
    func detach(_ connection: EngineConnection) {
        state.withLock { state in
            connection.detach()
            guard state.connection === connection else { return }
            state.connection = nil
        }
    }

    var isAttached: Bool { state.withLock { $0.connection != nil } }

    // MARK: Receiving

    /// Applies an inbound message's reliability meaning: acknowledgements release the outbound
    /// buffer, new messages are acknowledged per policy, duplicates are acknowledged again (the
    /// peer sends one when our acknowledgement was lost, and keeps it until one arrives). `json`,
    /// the message's text as it arrived, and `flushing` are for the tap (`EventHub.received`).
    func receive(
        _ message: Message, json: UnsafeRawBufferPointer?, flushing: Bool, _ deferred: inout Deferred
    ) -> ReliableChannel.Disposition {
        state.withLock { state in
            let disposition = state.reliable.receive(message)
            switch disposition {
            case .deliver:
                state.traffic.received.count(message.code)
                hub.received(message, json: json, flushing: flushing, &deferred)
                if message.id != nil { acknowledgeIfDue(in: &state, &deferred) }
            case .duplicate(let id):
                hub.publish(.duplicateDropped(id), &deferred)
                acknowledgeIfDue(in: &state, &deferred)
            case .acknowledgement, .disconnect:
                state.traffic.received.count(message.code)
                hub.received(message, json: json, flushing: flushing, &deferred)
            }
            return disposition
        }
    }

    private func acknowledgeIfDue(in state: inout State, _ deferred: inout Deferred) {
        switch configuration.acknowledgement {
        case .manual:
            break
        case .immediate:
            writeHeartbeat(in: &state, &deferred)
        case .batched(let everyMessages, let idle):
            state.receivedSinceAcknowledgement += 1
            if state.receivedSinceAcknowledgement >= everyMessages {
                writeHeartbeat(in: &state, &deferred)
            } else if !state.idleAcknowledgementScheduled {
                state.idleAcknowledgementScheduled = true
                Task { [weak self] in
                    try? await Task.sleep(for: idle)
                    self?.acknowledgeIdle()
                }
            }
        }
    }

    private func acknowledgeIdle() {
        withDeferred { deferred in
            state.withLock { state in
                state.idleAcknowledgementScheduled = false
                if state.receivedSinceAcknowledgement > 0 { writeHeartbeat(in: &state, &deferred) }
            }
        }
    }

    private func writeHeartbeat(in state: inout State, _ deferred: inout Deferred) {
        guard state.connection != nil else { return }
        state.receivedSinceAcknowledgement = 0
        write(state.reliable.heartbeat, in: &state, &deferred)
    }

    /// The Heartbeat acknowledging everything received so far, for a transport that carries it
    /// itself; recorded as sent.
    func takeHeartbeat(_ deferred: inout Deferred) -> Message {
        state.withLock { state in
            state.receivedSinceAcknowledgement = 0
            let heartbeat = state.reliable.heartbeat
            state.traffic.sent.count(.heartbeat)
            hub.sent(heartbeat, &deferred)
            return heartbeat
        }
    }

    /// A long-poll server's answer to a poll: every unacknowledged message, a Heartbeat once
    /// something was received (recorded as sent; the others were when they were sent), and a
    /// Disconnect when the engine closed with a farewell.
    func pollAnswer(_ deferred: inout Deferred) -> [Message] {
        state.withLock { state in
            var answer = Array(state.reliable.unacknowledged)
            if state.reliable.lastReceivedID != nil {
                state.receivedSinceAcknowledgement = 0
                answer.append(state.reliable.heartbeat)
                state.traffic.sent.count(.heartbeat)
                hub.sent(state.reliable.heartbeat, &deferred)
            }
            if state.closure?.farewell == true { answer.append(.disconnect) }
            return answer
        }
    }

    var lastReceivedID: MessageID? { state.withLock { $0.reliable.lastReceivedID } }

    // MARK: Life cycle

    /// Starts over as a new session: empty buffer, no duplicates remembered, ids from 0.
    func reset() {
        state.withLock { state in
            state.reliable = Self.emptyBuffer(configuration)
            state.nextID = 0
            state.receivedSinceAcknowledgement = 0
        }
    }

    /// Closes for good, once: a farewell Disconnect goes out on the attached connection (and in
    /// every later poll answer), later sends throw `ConnectionLost`, and the connection is let go.
    /// False when already closed.
    func close(_ closure: Closure, _ deferred: inout Deferred) -> Bool {
        state.withLock { state in
            guard state.closure == nil else { return false }
            if closure.farewell { write(.disconnect, in: &state, &deferred) }
            state.closure = closure
            state.connection?.detach()
            state.connection = nil
            return true
        }
    }

    var closure: Closure? { state.withLock { $0.closure } }
}
