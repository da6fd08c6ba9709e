import Foundation

/// The transport-facing side of the engine: connections come and go, frames come in, and the
/// reliability rules (and the rules of the transport the engine serves) decide what is
/// retransmitted, acknowledged, dropped or handled.
extension Engine {
    /// Attaches a newly opened connection, replacing the current one, and queues on it, in order,
    /// every message the peer has not acknowledged (and a Heartbeat where the acknowledgement
    /// policy or the transport's rules call for one). `wake` is called, with no lock held, each
    /// time messages wait on an idle connection; the transport then takes them with
    /// `EngineConnection.takeOutbound()` until a batch comes back empty.
    public func attach(wake: @escaping @Sendable (EngineConnection) -> Void) -> EngineConnection {
        withDeferred { channel.attach(wake: wake, &$0) }
    }

    /// Attaches a connection whose outbound messages are handed to `writer` one at a time, in wire
    /// order, with no lock held, by one thread at a time (the one whose send woke the connection):
    /// for a transport that writes synchronously, and for tests.
    @discardableResult
    public func attach(writer: @escaping FrameWriter) -> EngineConnection {
        attach { connection in
            while case let batch = connection.takeOutbound(), !batch.isEmpty {
                for message in batch { writer(message) }
            }
        }
    }

    /// Detaches `connection` if it is still the current one; messages are buffered until the
    /// next `attach`.
    public func detach(_ connection: EngineConnection) {
        channel.detach(connection)
    }

    /// Whether a connection is attached.
    public var isAttached: Bool { channel.isAttached }

    /// Parses and receives one frame. A malformed frame is reported as a protocol error event and
    /// thrown; the engine keeps serving.
    ///
    /// A transport that takes many frames from one socket read passes `heldUntilEndOfRead` for
    /// each and calls `endOfRead()` after the read: the read's notifications then reach the
    /// handler in one batch, for one wake-up of its task instead of one per notification.
    @discardableResult
    public func receive(
        frame: some Collection<UInt8>, heldUntilEndOfRead: Bool = false
    ) throws(MessageParseError) -> ReliableChannel.Disposition {
        try frame.withContiguousBytes { frame throws(MessageParseError) in
            let message: Message
            do throws(MessageParseError) {
                message = try Message(frame: frame)
            } catch {
                reportProtocolError(error)
                throw error
            }
            return receive(message, json: hub.hasTap ? UnsafeRawBufferPointer(frame) : nil, heldUntilEndOfRead)
        }
    }

    /// Receives a message parsed from `bytes`, its own JSON text as it arrived (an element of a
    /// long-poll body, `Message.decodeBatchElements`), like `receive(_:heldUntilEndOfRead:)`; a
    /// `TrafficTap` is handed these bytes instead of encoding the message again.
    @discardableResult
    public func receive(
        _ message: Message, bytes: some Collection<UInt8>, heldUntilEndOfRead: Bool = false
    ) -> ReliableChannel.Disposition {
        guard hub.hasTap else { return receive(message, json: nil, heldUntilEndOfRead) }
        return bytes.withContiguousBytes { receive(message, json: UnsafeRawBufferPointer($0), heldUntilEndOfRead) }
    }

    /// Hands the notifications received `heldUntilEndOfRead` to the handler, in one batch, and
    /// flushes the tap.
    public func endOfRead() {
        inbound.endOfRead(on: self)
        hub.flushTap()
    }

    /// Reports a malformed inbound message in the log and as an event.
    public func reportProtocolError(_ error: MessageParseError) {
        reportProtocolViolation(error.description)
    }

    /// Reports inbound traffic that breaks a rule of the protocol or the transport (a binary
    /// WebSocket frame, say) in the log and as an event; the engine keeps serving.
    public func reportProtocolViolation(_ description: String) {
        log(.warning, "malformed message: \(description)")
        publish(.protocolError(description))
    }

    /// Receives one parsed message: acknowledgements release the outbound buffer (and confirm
    /// delivery), new messages are acknowledged per policy and handled, duplicates are
    /// acknowledged again per policy and dropped.
    @discardableResult
    /// With `heldUntilEndOfRead`, a notification waits for `endOfRead()` to reach the handler.
    public func receive(_ message: Message, heldUntilEndOfRead: Bool = false) -> ReliableChannel.Disposition {
        receive(message, json: nil, heldUntilEndOfRead)
    }

    /// Receives `message`, handing `json` (its text as it arrived, if known) to the tap.
    private func receive(_ message: Message, json: UnsafeRawBufferPointer?, _ heldUntilEndOfRead: Bool) -> ReliableChannel.Disposition {
        let disposition = withDeferred { channel.receive(message, json: json, flushing: !heldUntilEndOfRead, &$0) }
        switch disposition {
        case .deliver: inbound.dispatch(message, on: self, heldUntilEndOfRead: heldUntilEndOfRead)
        case .acknowledgement:
            if case .heartbeat(let heartbeat) = message { delivery.delivered(through: heartbeat.lastMessageID) }
        case .duplicate, .disconnect: break
        }
        return disposition
    }

    /// Records that the peer answered a write carrying `batch` (a long-poll client's POST answered
    /// with `200`): where the transport counts that as confirmation, the messages are delivered.
    public func confirmWritten(_ batch: [Message]) {
        guard configuration.transport?.confirmsDeliveryWhenAnswered == true else { return }
        delivery.delivered(through: batch.compactMap(\.id).max())
    }

    /// The Heartbeat acknowledging everything received so far, for a transport that carries it
    /// itself (each long poll); it is recorded as sent.
    public func takeHeartbeat() -> Message {
        withDeferred { channel.takeHeartbeat(&$0) }
    }

    /// A long-poll server's answer to a poll: every unacknowledged message, then a Heartbeat once
    /// something was received, then a Disconnect when the engine closed with a farewell.
    public func pollAnswer() -> [Message] {
        withDeferred { channel.pollAnswer(&$0) }
    }

    /// The highest inbound id processed (what a Heartbeat acknowledges), if any.
    public var lastReceivedID: MessageID? { channel.lastReceivedID }

    /// The number of outbound messages the peer has not acknowledged yet.
    public var unacknowledgedCount: Int { channel.unacknowledgedCount }

    /// The messages sent and received so far in this engine's life, by code (Heartbeats and
    /// retransmissions included, duplicates not): what its `messageSent` and `messageReceived`
    /// events would count.
    public var traffic: MessageTraffic { channel.traffic }

    /// Starts over as a new session: pending requests and delivery waits fail with
    /// `ConnectionLost`, the outbound buffer and the duplicate filter are cleared, and ids count
    /// from 0 again.
    public func resetSession(reason: String) {
        withDeferred { deferred in
            requests.failAll(reason: "session lost: \(reason)", &deferred)
            channel.reset()
            hub.report(.sessionLost(reason: reason), &deferred)
        }
        delivery.reset(reason: "session lost: \(reason)")
    }

    /// Closes the engine for good: with `farewell`, the peer is sent a Disconnect (on the attached
    /// connection, or in the next poll answer); pending requests and delivery waits fail with
    /// `ConnectionLost(reason)`, later sends throw it, and event subscriptions end after a final
    /// `closed` event.
    public func close(reason: String, farewell: Bool = false) {
        let closed = withDeferred { deferred in
            guard channel.close(.init(reason: reason, farewell: farewell), &deferred) else { return false }
            requests.failAll(reason: reason, &deferred)
            hub.report(.closed(reason: reason), &deferred)
            hub.finish(&deferred)
            return true
        }
        guard closed else { return }
        delivery.reset(reason: reason)
        inbound.finish()
        flushSuppressedLines()
    }

    /// Why the engine was closed, or `nil` while it is open.
    public var closedReason: String? { channel.closure?.reason }
}
