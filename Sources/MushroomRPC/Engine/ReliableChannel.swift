/// The acknowledgement and retransmission rules of the protocol, as a pure state machine
/// that every transport drives the same way.
///
/// - Outbound messages with an id stay buffered until a Heartbeat `[0, n]` acknowledges every id `<= n`.
/// - When a connection (re)opens, `unacknowledged` is retransmitted in order.
/// - Inbound messages whose id is not above the highest id processed so far are duplicates and are dropped.
/// - `heartbeat` acknowledges everything received so far.
public struct ReliableChannel: Sendable {
    /// What an inbound message means for the channel.
    public enum Disposition: Sendable, Hashable {
        /// A new message: hand it to the engine.
        case deliver
        /// Its id was already processed: drop it.
        case duplicate(MessageID)
        /// A Heartbeat: `released` buffered messages were acknowledged by the peer.
        case acknowledgement(released: Int)
        /// The peer is leaving.
        case disconnect
    }

    /// The most unacknowledged messages to hold; `nil` for no bound.
    public let maximumUnacknowledged: Int?
    /// The most bytes of unacknowledged messages to hold (as `Message.estimatedSize` counts
    /// them); `nil` for no bound.
    public let maximumUnacknowledgedBytes: Int?
    /// The bytes of the unacknowledged messages, as `Message.estimatedSize` counts them.
    public private(set) var unacknowledgedBytes = 0
    /// The highest inbound id processed, acknowledged by `heartbeat`.
    public private(set) var lastReceivedID: MessageID?
    /// The highest of our ids the peer has acknowledged.
    public private(set) var lastAcknowledgedID: MessageID?
    private var buffer: [Message] = []
    /// The estimated size of each buffered message, kept only under a byte bound.
    private var sizes: [Int] = []
    private var head = 0

    public init(maximumUnacknowledged: Int? = nil, maximumUnacknowledgedBytes: Int? = nil) {
        self.maximumUnacknowledged = maximumUnacknowledged
        self.maximumUnacknowledgedBytes = maximumUnacknowledgedBytes
    }

    /// Outbound messages not yet acknowledged, oldest first: what a (re)opened connection retransmits.
    public var unacknowledged: ArraySlice<Message> { buffer[head...] }

    /// The number of outbound messages not yet acknowledged.
    public var unacknowledgedCount: Int { buffer.count - head }

    /// The Heartbeat acknowledging everything received so far.
    public var heartbeat: Message { .heartbeat(.init(lastMessageID: lastReceivedID)) }

    /// Keeps an outbound message until it is acknowledged. Messages without an id are not buffered.
    /// Throws, buffering nothing, when a bound is reached.
    public mutating func buffer(_ message: Message) throws(OutboundBufferFull) {
        guard message.id != nil else { return }
        if let maximumUnacknowledged, unacknowledgedCount >= maximumUnacknowledged {
            throw OutboundBufferFull(.messages(maximumUnacknowledged))
        }
        if let maximumUnacknowledgedBytes {
            let size = message.estimatedSize
            guard unacknowledgedBytes + size <= maximumUnacknowledgedBytes else {
                throw OutboundBufferFull(.bytes(maximumUnacknowledgedBytes))
            }
            unacknowledgedBytes += size
            sizes.append(size)
        }
        buffer.append(message)
    }

    /// Applies an inbound message's reliability meaning and says what to do with it.
    public mutating func receive(_ message: Message) -> Disposition {
        switch message {
        case .heartbeat(let heartbeat):
            return .acknowledgement(released: acknowledge(upTo: heartbeat.lastMessageID))
        case .disconnect:
            return .disconnect
        default:
            guard let id = message.id else { return .deliver }
            if let lastReceivedID, id <= lastReceivedID { return .duplicate(id) }
            lastReceivedID = id
            return .deliver
        }
    }

    /// Drops buffered messages with ids `<= id`; returns how many.
    public mutating func acknowledge(upTo id: MessageID?) -> Int {
        guard let id else { return 0 }
        if let lastAcknowledgedID, id <= lastAcknowledgedID { return 0 }
        lastAcknowledgedID = id
        let start = head
        while head < buffer.count, let bufferedID = buffer[head].id, bufferedID <= id {
            if maximumUnacknowledgedBytes != nil { unacknowledgedBytes -= sizes[head] }
            head += 1
        }
        let released = head - start
        if head > 64, head * 2 > buffer.count {
            buffer.removeFirst(head)
            if maximumUnacknowledgedBytes != nil { sizes.removeFirst(head) }
            head = 0
        }
        return released
    }
}
