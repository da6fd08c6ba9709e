/// What a load run does at each connection.
public enum LoadScenario: String, Sendable, Hashable, CaseIterable {
    /// Sequential round trips of the `echo` method: one request in flight per connection.
    case echo
    /// `depth` `echo` requests in flight per connection, each replaced as soon as it is answered.
    case pipeline
    /// One publisher calls the server's `publish` method (`{"method": M, "data": D}`, which
    /// notifies every session) with `depth` publishes in flight; the notifications are counted at
    /// `connections` subscriber connections.
    case fanout
    /// `connections` idle WebSocket sessions (`IdleSessions`): the server's memory per session
    /// (`LoadOptions.serverPID`), then broadcasts in rounds of `depth` publishes, each to every session.
    case sessions

    /// The connections a run opens when none are asked for.
    public var defaultConnections: Int {
        switch self {
        case .echo, .pipeline: 1
        case .fanout: 100
        case .sessions: 10_000
        }
    }

    /// The in-flight depth when none is asked for: requests per connection (64, the most a Swift
    /// server handles for one session at once), publishes whose notifications have not all
    /// arrived, or the publishes of one round of broadcasts.
    public var defaultDepth: Int {
        switch self {
        case .echo: 1
        case .pipeline: 64
        case .fanout, .sessions: 10
        }
    }

    /// The name of one completed operation in reports.
    var operationNoun: String {
        switch self {
        case .echo, .pipeline: "requests"
        case .fanout: "messages"
        case .sessions: "deliveries"
        }
    }
}
