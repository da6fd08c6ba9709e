/// Messages counted by their code, in one direction.
public struct MessageCounts: Sendable, Hashable {
    public private(set) var heartbeats = 0
    public private(set) var notifications = 0
    public private(set) var requests = 0
    public private(set) var responses = 0
    public private(set) var errors = 0
    public private(set) var disconnects = 0

    public init() {}

    /// The count of messages with `code`.
    public subscript(code: Message.Code) -> Int {
        switch code {
        case .heartbeat: heartbeats
        case .notification: notifications
        case .request: requests
        case .response: responses
        case .error: errors
        case .disconnect: disconnects
        }
    }

    /// Every message counted.
    public var total: Int {
        heartbeats &+ notifications &+ requests &+ responses &+ errors &+ disconnects
    }

    /// Counts one message with `code` (wrapping, never trapping: 2^63 messages take centuries).
    mutating func count(_ code: Message.Code) {
        switch code {
        case .heartbeat: heartbeats &+= 1
        case .notification: notifications &+= 1
        case .request: requests &+= 1
        case .response: responses &+= 1
        case .error: errors &+= 1
        case .disconnect: disconnects &+= 1
        }
    }

    /// Both counts added, code by code.
    public static func + (left: MessageCounts, right: MessageCounts) -> MessageCounts {
        var sum = left
        sum.heartbeats &+= right.heartbeats
        sum.notifications &+= right.notifications
        sum.requests &+= right.requests
        sum.responses &+= right.responses
        sum.errors &+= right.errors
        sum.disconnects &+= right.disconnects
        return sum
    }
}

/// What an engine sent and received, by message code, counted where it publishes `messageSent`
/// and `messageReceived` (Heartbeats and retransmissions included, duplicates not), under the
/// lock it already holds there: counting costs a plain increment per message.
public struct MessageTraffic: Sendable, Hashable {
    public var sent = MessageCounts()
    public var received = MessageCounts()

    public init() {}

    /// Both directions added.
    public static func + (left: MessageTraffic, right: MessageTraffic) -> MessageTraffic {
        var sum = left
        sum.sent = left.sent + right.sent
        sum.received = left.received + right.received
        return sum
    }
}
