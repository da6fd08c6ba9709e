import Foundation
import MushroomRPC

/// The first line of a recording: `{"mushroom_recording":1,"url":URL,"transport":KIND,"started":UNIX_SECONDS}`.
public struct RecordingHeader: Sendable, Hashable {
    /// The format version this code writes and reads.
    public static let version: Int64 = 1

    /// The bootstrap URL recorded.
    public let url: String
    /// The transport the server picked (`ws` or `poll`).
    public let transport: String
    /// When the recording began.
    public let started: Date

    public init(url: String, transport: String, started: Date) {
        self.url = url
        self.transport = transport
        self.started = started
    }

    /// The header's line, newline included, its keys in the documented order.
    public var line: [UInt8] {
        var bytes = Array(#"{"mushroom_recording":"#.utf8)
        JSONValue.integer(Self.version).appendCompact(to: &bytes)
        bytes += #","url":"#.utf8
        JSONValue.string(url).appendCompact(to: &bytes)
        bytes += #","transport":"#.utf8
        JSONValue.string(transport).appendCompact(to: &bytes)
        bytes += #","started":"#.utf8
        JSONValue.double(started.timeIntervalSince1970).appendCompact(to: &bytes)
        bytes += "}\n".utf8
        return bytes
    }

    /// The header in a parsed first line; throws the reason it is not one.
    init(json: JSONValue) throws(RecordingLineError) {
        guard let members = json.objectValue, let version = members["mushroom_recording"] else {
            throw RecordingLineError(#"not a mushroom recording (its first line has no "mushroom_recording")"#)
        }
        guard version.integerValue == Self.version else {
            throw RecordingLineError("recording version \(version.compactString) is not supported (this mushroom reads version \(Self.version))")
        }
        guard let url = members["url"]?.stringValue else { throw RecordingLineError(#""url" must be a string"#) }
        guard let transport = members["transport"]?.stringValue else { throw RecordingLineError(#""transport" must be a string"#) }
        let started = try RecordedTime.seconds(members["started"], named: "started")
        self.init(url: url, transport: transport, started: Date(timeIntervalSince1970: started))
    }
}

/// Why one line of a recording could not be read: one phrase, without the file and line (the
/// reader adds them) and without a final period.
public struct RecordingLineError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// The `"t"` and `"started"` fields: UNIX seconds, with a fraction.
enum RecordedTime {
    /// Appends `seconds` with six decimals, e.g. `1796159032.736619`: a line's time, written
    /// with integer arithmetic (cheaper than a Double's shortest form, once a message).
    static func append(_ seconds: Double, to bytes: inout [UInt8]) {
        guard seconds.isFinite, (0...latest).contains(seconds) else {
            JSONValue.double(seconds).appendCompact(to: &bytes)
            return
        }
        let microseconds = Int64((seconds * 1_000_000).rounded())
        var whole = microseconds / 1_000_000
        var wholeDigits = 1
        var rest = whole
        while rest >= 10 {
            rest /= 10
            wholeDigits += 1
        }
        // Zeros, then the digits written in place, the last first.
        let start = bytes.count
        bytes += repeatElement(UInt8(ascii: "0"), count: wholeDigits + 7)
        bytes.withUnsafeMutableBufferPointer { digits in
            var index = start + wholeDigits + 6
            var fraction = microseconds % 1_000_000
            while fraction > 0 {
                digits[index] = UInt8(ascii: "0") + UInt8(fraction % 10)
                fraction /= 10
                index -= 1
            }
            index = start + wholeDigits
            digits[index] = UInt8(ascii: ".")
            while whole > 0 {
                index -= 1
                digits[index] = UInt8(ascii: "0") + UInt8(whole % 10)
                whole /= 10
            }
        }
    }

    /// The latest time a recording may carry: the start of the year 10000.
    static let latest = 253_402_300_800.0

    /// The seconds in `value`, which must be a finite number from 0 to the year 10000.
    static func seconds(_ value: JSONValue?, named name: String) throws(RecordingLineError) -> Double {
        guard let seconds = value?.doubleValue, seconds.isFinite, (0...latest).contains(seconds) else {
            throw RecordingLineError("\"\(name)\" must be a number of UNIX seconds")
        }
        return seconds
    }
}
