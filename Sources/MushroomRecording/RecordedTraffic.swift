import Foundation
import Glibc
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

    /// Appends the line, newline included: `{"t":T,"dir":"in"|"out","msg":[...]}` or
    /// `{"t":T,"event":NAME,...}`, keys in that order, `T` with six decimals (microseconds).
    public func appendLine(to bytes: inout [UInt8]) {
        switch kind {
        case .message(let direction, let message): Self.appendMessageLine(at: time, direction, message, json: nil, to: &bytes)
        case .connection(let change): Self.appendConnectionLine(at: time, change, to: &bytes)
        }
    }

    /// Appends the line of `message`, with `json` as its text when it is known and on one line
    /// (a frame as received: JSON allows line breaks between its tokens), encoded otherwise.
    static func appendMessageLine(
        at time: Double, _ direction: Direction, _ message: Message, json: UnsafeRawBufferPointer?, to bytes: inout [UInt8]
    ) {
        bytes += Self.lineStart
        RecordedTime.append(time, to: &bytes)
        bytes += direction == .in ? Self.inbound : Self.outbound
        if let json, Self.isOneLine(json) {
            bytes += json
        } else {
            message.appendFrame(to: &bytes)
        }
        bytes += Self.lineEnd
    }

    private static let lineStart = Array(#"{"t":"#.utf8)
    private static let inbound = Array(#","dir":"in","msg":"#.utf8)
    private static let outbound = Array(#","dir":"out","msg":"#.utf8)
    private static let lineEnd = Array("}\n".utf8)

    /// Appends the line of a connection change.
    static func appendConnectionLine(at time: Double, _ change: TransportEvent, to bytes: inout [UInt8]) {
        bytes += Self.lineStart
        RecordedTime.append(time, to: &bytes)
        bytes += #","event":"#.utf8
        JSONValue.string(ConnectionLine.name(of: change)).appendCompact(to: &bytes)
        for (key, value) in ConnectionLine.fields(of: change) {
            bytes.append(UInt8(ascii: ","))
            JSONValue.string(key).appendCompact(to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            value.appendCompact(to: &bytes)
        }
        bytes += Self.lineEnd
    }

    /// Whether `text` holds no line break (in JSON text, only whitespace between tokens can).
    private static func isOneLine(_ text: UnsafeRawBufferPointer) -> Bool {
        guard let base = text.baseAddress else { return true }
        return memchr(base, 0x0A, text.count) == nil && memchr(base, 0x0D, text.count) == nil
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
