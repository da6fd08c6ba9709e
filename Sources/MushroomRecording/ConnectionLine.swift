import MushroomRPC

/// How a connection change is written in a recording: `"event"` names it, and its details
/// follow as fields of their own, in this order:
///
/// | event | fields |
/// | --- | --- |
/// | `connecting` | `url`, `attempt` |
/// | `connected` | `transport`, `url`, `session` (or `null`) |
/// | `disconnected`, `session_lost`, `closed` | `reason` |
/// | `reconnect_scheduled` | `attempt`, `delay` (seconds) |
/// | `not_recovered` | `since` (`{"epoch":...,"offset":...}`), `reason` |
enum ConnectionLine {
    static func name(of change: TransportEvent) -> String {
        switch change {
        case .connecting: "connecting"
        case .connected: "connected"
        case .disconnected: "disconnected"
        case .reconnectScheduled: "reconnect_scheduled"
        case .sessionLost: "session_lost"
        case .notRecovered: "not_recovered"
        case .closed: "closed"
        }
    }

    static func fields(of change: TransportEvent) -> KeyValuePairs<String, JSONValue> {
        switch change {
        case .connecting(let url, let attempt):
            ["url": .string(url), "attempt": .integer(Int64(attempt))]
        case .connected(let transport, let url, let sessionID):
            ["transport": .string(transport), "url": .string(url), "session": sessionID.map(JSONValue.string) ?? .null]
        case .disconnected(let reason), .sessionLost(let reason), .closed(let reason):
            ["reason": .string(reason)]
        case .reconnectScheduled(let attempt, let delay):
            ["attempt": .integer(Int64(attempt)), "delay": .double(delay.timeInterval)]
        case .notRecovered(let since, let reason):
            ["since": since.json, "reason": .string(reason)]
        }
    }

    /// The change a line named `name` with these fields records.
    static func event(named name: String, _ fields: [String: JSONValue]) throws(RecordingLineError) -> TransportEvent {
        func string(_ key: String) throws(RecordingLineError) -> String {
            guard let value = fields[key]?.stringValue else { throw RecordingLineError("a \(name) event needs \"\(key)\" as a string") }
            return value
        }
        func attempt() throws(RecordingLineError) -> Int {
            guard let value = fields["attempt"]?.integerValue, (1...Int64(Int32.max)).contains(value) else {
                throw RecordingLineError("a \(name) event needs \"attempt\" as a whole number from 1")
            }
            return Int(value)
        }
        switch name {
        case "connecting":
            return .connecting(url: try string("url"), attempt: try attempt())
        case "connected":
            let session = fields["session"]
            guard session == nil || session == .null || session?.stringValue != nil else {
                throw RecordingLineError("a connected event needs \"session\" as a string or null")
            }
            return .connected(transport: try string("transport"), url: try string("url"), sessionID: session?.stringValue)
        case "disconnected": return .disconnected(reason: try string("reason"))
        case "session_lost": return .sessionLost(reason: try string("reason"))
        case "closed": return .closed(reason: try string("reason"))
        case "reconnect_scheduled":
            guard let seconds = fields["delay"]?.doubleValue, let delay = try? Duration(checkedSeconds: seconds, allowsZero: true) else {
                throw RecordingLineError("a reconnect_scheduled event needs \"delay\" as seconds from 0")
            }
            return .reconnectScheduled(attempt: try attempt(), delay: delay)
        case "not_recovered":
            guard let since = fields["since"].flatMap(StreamPosition.init(json:)) else {
                throw RecordingLineError(#"a not_recovered event needs "since" as {"epoch":...,"offset":...}"#)
            }
            return .notRecovered(since: since, reason: try string("reason"))
        default:
            throw RecordingLineError("unknown event \(JSONValue.string(name).compactString)")
        }
    }
}
