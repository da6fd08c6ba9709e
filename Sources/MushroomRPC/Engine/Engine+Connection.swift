import Foundation

/// The transport-facing side of the engine: connections come and go, frames come in, and the
/// reliability rules decide what is retransmitted, acknowledged, dropped or handled.
extension Engine {
    /// Attaches the writer of a newly opened connection and retransmits, in order, every message
    /// the peer has not acknowledged. With an automatic acknowledgement policy, a Heartbeat
    /// acknowledging what was received so far follows.
    public func attach(writer: @escaping FrameWriter) -> ConnectionToken {
        state.withLock { state in
            state.generation += 1
            state.writer = writer
            for message in state.channel.unacknowledged { write(message, in: &state) }
            if configuration.acknowledgement != .manual, state.channel.lastReceivedID != nil {
                writeHeartbeat(in: &state)
            }
            return ConnectionToken(generation: state.generation)
        }
    }

    /// Detaches the writer attached with `token`; messages are buffered until the next `attach`.
    public func detach(_ token: ConnectionToken) {
        state.withLock { state in
            guard state.generation == token.generation else { return }
            state.writer = nil
        }
    }

    /// Whether a connection's writer is attached.
    public var isAttached: Bool { state.withLock { $0.writer != nil } }

    /// Parses and receives one frame. A malformed frame is reported as a protocol error event and
    /// thrown; the engine keeps serving.
    @discardableResult
    public func receive(frame: some Collection<UInt8>) throws(MessageParseError) -> ReliableChannel.Disposition {
        let message: Message
        do {
            message = try Message(frame: frame)
        } catch {
            reportProtocolError(error)
            throw error
        }
        return receive(message)
    }

    /// Reports a malformed inbound message in the log and as an event.
    public func reportProtocolError(_ error: MessageParseError) {
        log(.warning, "malformed message: \(error)")
        publish(.protocolError(error.description))
    }

    /// Receives one parsed message: acknowledgements release the outbound buffer, new messages are
    /// acknowledged per policy and handled, duplicates are acknowledged again per policy and dropped.
    @discardableResult
    public func receive(_ message: Message) -> ReliableChannel.Disposition {
        let disposition = state.withLock { state in
            let disposition = state.channel.receive(message)
            switch disposition {
            case .deliver:
                publish(.messageReceived(message))
                if message.id != nil { acknowledgeIfDue(in: &state) }
            case .duplicate(let id):
                // Acknowledged again: the peer sends a duplicate when our acknowledgement of it
                // was lost, and keeps it (and retransmits it) until one arrives.
                publish(.duplicateDropped(id))
                acknowledgeIfDue(in: &state)
            case .acknowledgement, .disconnect:
                publish(.messageReceived(message))
            }
            return disposition
        }
        if disposition == .deliver { handleMessage(message) }
        return disposition
    }

    private func acknowledgeIfDue(in state: inout State) {
        switch configuration.acknowledgement {
        case .manual:
            break
        case .immediate:
            writeHeartbeat(in: &state)
        case .batched(let everyMessages, let idle):
            state.receivedSinceAcknowledgement += 1
            if state.receivedSinceAcknowledgement >= everyMessages {
                writeHeartbeat(in: &state)
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
        state.withLock { state in
            state.idleAcknowledgementScheduled = false
            if state.receivedSinceAcknowledgement > 0 { writeHeartbeat(in: &state) }
        }
    }

    private func writeHeartbeat(in state: inout State) {
        guard state.writer != nil else { return }
        state.receivedSinceAcknowledgement = 0
        write(state.channel.heartbeat, in: &state)
    }

    /// The Heartbeat acknowledging everything received so far, for a transport that sends it
    /// itself (a long poll); it is recorded as sent.
    public func takeHeartbeat() -> Message {
        state.withLock { state in
            state.receivedSinceAcknowledgement = 0
            let heartbeat = state.channel.heartbeat
            publish(.messageSent(heartbeat))
            return heartbeat
        }
    }

    /// The highest inbound id processed (what a Heartbeat acknowledges), if any.
    public var lastReceivedID: MessageID? { state.withLock { $0.channel.lastReceivedID } }

    /// Outbound messages the peer has not acknowledged yet, oldest first (a long poll's answer).
    public func unacknowledgedMessages() -> [Message] {
        state.withLock { Array($0.channel.unacknowledged) }
    }

    /// The number of outbound messages the peer has not acknowledged yet.
    public var unacknowledgedCount: Int { state.withLock { $0.channel.unacknowledgedCount } }

    /// Starts over as a new session: pending requests fail with `ConnectionLost`, the outbound
    /// buffer and the duplicate filter are cleared, and ids count from 0 again.
    public func resetSession(reason: String) {
        let failures = state.withLock { state in
            let failures = failPendingRequests(reason: "session lost: \(reason)", in: &state)
            state.channel = ReliableChannel(
                maximumUnacknowledged: configuration.maximumUnacknowledged,
                maximumUnacknowledgedBytes: configuration.maximumUnacknowledgedBytes)
            state.nextID = 0
            state.receivedSinceAcknowledgement = 0
            publish(.transport(.sessionLost(reason: reason)))
            return failures
        }
        for (continuation, error) in failures { continuation.resume(throwing: error) }
    }

    /// Closes the engine for good: pending requests fail with `ConnectionLost(reason)`, later sends
    /// throw it, and event subscriptions end after a final `closed` event.
    public func close(reason: String) {
        let failures = state.withLock { state -> [(CheckedContinuation<JSONValue, any Error>, any Error)] in
            guard state.closedReason == nil else { return [] }
            state.closedReason = reason
            state.writer = nil
            let failures = failPendingRequests(reason: reason, in: &state)
            publish(.transport(.closed(reason: reason)))
            return failures
        }
        for (continuation, error) in failures { continuation.resume(throwing: error) }
        notificationQueue.finish()
        broadcaster.finish()
        flushSuppressedLines()
    }

    /// Why the engine was closed, or `nil` while it is open.
    public var closedReason: String? { state.withLock { $0.closedReason } }
}
