import Foundation
import MushroomRPC

/// One line of a recording after its header: a message in or out, or a change of the connection.
public struct RecordedTraffic: Sendable, Hashable {
    /// Which way a recorded message went.
    public enum Direction: String, Sendable, Hashable {
        /// From the server.
        case `in`
        /// To the server.
        case out
    }

    public enum Kind: Sendable, Hashable {
        case message(Direction, Message)
        case connection(TransportEvent)
    }

    /// When it happened, in UNIX seconds.
    public let time: Double
    public let kind: Kind

    public init(time: Double, kind: Kind) {
        self.time = time
        self.kind = kind
    }

    /// What a recording keeps of an engine event: its messages in and out and its connection
    /// changes; `nil` for the rest (requests, errors, duplicates), which replay derives or leaves out.
    public init?(_ event: EngineEvent) {
        switch event.kind {
        case .messageReceived(let message): kind = .message(.in, message)
        case .messageSent(let message): kind = .message(.out, message)
        case .transport(let change): kind = .connection(change)
        default: return nil
        }
        time = event.time.timeIntervalSince1970
    }

    /// Appends the line, newline included: `{"t":T,"dir":"in"|"out","msg":[...]}` or
    /// `{"t":T,"event":NAME,...}`, keys in that order, `T` with six decimals (microseconds).
    public func appendLine(to bytes: inout [UInt8]) {
        bytes += #"{"t":"#.utf8
        RecordedTime.append(time, to: &bytes)
        switch kind {
        case .message(let direction, let message):
            bytes += direction == .in ? #","dir":"in","msg":"#.utf8 : #","dir":"out","msg":"#.utf8
            message.appendFrame(to: &bytes)
        case .connection(let change):
            bytes += #","event":"#.utf8
            JSONValue.string(ConnectionLine.name(of: change)).appendCompact(to: &bytes)
            for (key, value) in ConnectionLine.fields(of: change) {
                bytes.append(UInt8(ascii: ","))
                JSONValue.string(key).appendCompact(to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                value.appendCompact(to: &bytes)
            }
        }
        bytes += "}\n".utf8
    }

    /// The traffic in a parsed line; throws the reason it is not a recording's line.
    init(json: JSONValue) throws(RecordingLineError) {
        guard let members = json.objectValue else {
            throw RecordingLineError("expected a JSON object, found \(json.kindWithArticle)")
        }
        time = try RecordedTime.seconds(members["t"], named: "t")
        if let event = members["event"] {
            guard let name = event.stringValue else { throw RecordingLineError(#""event" must be a string"#) }
            kind = .connection(try ConnectionLine.event(named: name, members))
            return
        }
        guard let direction = members["dir"] else { throw RecordingLineError(#"the line has neither "dir" nor "event""#) }
        guard let name = direction.stringValue, let parsed = Direction(rawValue: name) else {
            throw RecordingLineError(#""dir" must be "in" or "out", not \#(direction.compactString)"#)
        }
        guard let wire = members["msg"] else { throw RecordingLineError(#"the line has no "msg""#) }
        do {
            kind = .message(parsed, try Message(json: wire))
        } catch {
            throw RecordingLineError(#""msg" is not a message: \#(error)"#)
        }
    }
}
