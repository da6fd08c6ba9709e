import Foundation
import MushroomRPC

/// One session of the server, as the admin method `mushroom.sessions` lists it.
public struct ServerSession: Sendable, Hashable {
    public let id: String
    /// `ws` or `poll`.
    public let transport: String
    /// The address it bootstrapped from, when known.
    public let remoteAddress: String?
    /// How long it has lived, when listed.
    public let age: Duration
    /// Its topic patterns; `nil` when it never subscribed (it receives every topic).
    public let subscriptions: [String]?
    /// Messages sent to it and not yet acknowledged.
    public let unacknowledged: Int
    /// Messages it sent, and messages sent to it.
    public let messagesIn: Int
    public let messagesOut: Int
    /// Messages in and out per second, lately.
    public let ratePerSecond: Double

    init(
        id: String, transport: String, remoteAddress: String?, age: Duration, subscriptions: [String]?,
        unacknowledged: Int, messagesIn: Int, messagesOut: Int, ratePerSecond: Double
    ) {
        self.id = id
        self.transport = transport
        self.remoteAddress = remoteAddress
        self.age = age
        self.subscriptions = subscriptions
        self.unacknowledged = unacknowledged
        self.messagesIn = messagesIn
        self.messagesOut = messagesOut
        self.ratePerSecond = ratePerSecond
    }

    /// A listed session; `nil` when `json` lacks the id or has a field of the wrong kind.
    init?(json: JSONValue) {
        guard let id = json["id"]?.stringValue, let transport = json["transport"]?.stringValue,
            let age = json["ageSeconds"]?.doubleValue, age.isFinite,
            let unacknowledged = json["unacknowledged"]?.integerValue,
            let messagesIn = json["messagesIn"]?.integerValue, let messagesOut = json["messagesOut"]?.integerValue,
            let rate = json["ratePerSecond"]?.doubleValue, rate.isFinite
        else { return nil }
        let subscriptions = json["subscriptions"]?.arrayValue?.compactMap(\.stringValue)
        self.init(
            id: id, transport: transport, remoteAddress: json["remoteAddress"]?.stringValue,
            age: .seconds(min(max(age, 0), Duration.longestAccepted.timeInterval)), subscriptions: subscriptions,
            unacknowledged: Int(clamping: unacknowledged), messagesIn: Int(clamping: messagesIn),
            messagesOut: Int(clamping: messagesOut), ratePerSecond: max(0, rate))
    }
}

/// What the sessions pane sorts by, highest first; `s` moves to the next.
public enum SessionOrder: String, Sendable, Hashable, CaseIterable {
    case rate
    case unacknowledged
    case age

    /// Whether `left` comes before `right`: highest first, then by id.
    func precedes(_ left: ServerSession, _ right: ServerSession) -> Bool {
        switch self {
        case .rate where left.ratePerSecond != right.ratePerSecond: left.ratePerSecond > right.ratePerSecond
        case .unacknowledged where left.unacknowledged != right.unacknowledged: left.unacknowledged > right.unacknowledged
        case .age where left.age != right.age: left.age > right.age
        default: left.id < right.id
        }
    }
}
