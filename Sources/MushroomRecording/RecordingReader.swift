import Glibc
import MushroomRPC

/// Reads a recording line by line, in chunks, so that a file of any size takes constant memory:
/// the header when opened, then one `RecordedTraffic` per `next()`. A line that is not what
/// the format says ends the reading with an error naming the file and the line
/// (`PATH line 7: ...`); every line before it was read.
public final class RecordingReader {
    /// The path it reads.
    public let path: String
    /// The recording's first line.
    public private(set) var header: RecordingHeader
    /// The number of the last line read (the header is line 1).
    public private(set) var lineNumber = 0

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEndOfFile = false
    static let chunkSize = 1 << 16

    /// Opens `path` and reads its header; throws one sentence when it cannot be read or is not a recording.
    public init(path: String) throws(RecordingReadError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw RecordingReadError("Cannot read the recording \(path): \(String(cString: strerror(errno))).") }
        self.path = path
        self.descriptor = descriptor
        self.header = RecordingHeader(url: "", transport: "", started: .init(timeIntervalSince1970: 0))
        guard let first = try nextLine() else {
            throw RecordingReadError("\(path) line 1: the file is empty, not a mushroom recording.")
        }
        header = try parse(first, as: RecordingHeader.init(json:))
    }

    deinit {
        close(descriptor)
    }

    /// The next line's traffic; `nil` at the end of the file.
    public func next() throws(RecordingReadError) -> RecordedTraffic? {
        guard let line = try nextLine() else { return nil }
        return try parse(line, as: RecordedTraffic.init(json:))
    }

    private func parse<Value>(
        _ line: (bytes: ArraySlice<UInt8>, ended: Bool), as make: (JSONValue) throws(RecordingLineError) -> Value
    ) throws(RecordingReadError) -> Value {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: line.bytes)
        } catch {
            if !line.ended { throw failure("truncated: the last line ends without a newline, in the middle of its JSON") }
            throw failure(line.bytes.isEmpty ? "an empty line" : "not JSON: \(error.reason) at character \(error.offset + 1)")
        }
        do {
            return try make(json)
        } catch {
            throw failure(error.description)
        }
    }

    private func failure(_ reason: String) -> RecordingReadError {
        RecordingReadError("\(path) line \(lineNumber): \(reason).")
    }

    /// The next line without its newline, and whether it had one; `nil` at the end of the file.
    private func nextLine() throws(RecordingReadError) -> (bytes: ArraySlice<UInt8>, ended: Bool)? {
        var searchFrom = start
        while true {
            if let newline = buffer[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { start = newline + 1 }
                lineNumber += 1
                return (buffer[start..<newline], true)
            }
            if atEndOfFile {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                lineNumber += 1
                return (buffer[start...], false)
            }
            buffer.removeSubrange(0..<start)
            start = 0
            searchFrom = buffer.count
            try fill()
        }
    }

    private func fill() throws(RecordingReadError) {
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: Self.chunkSize))
        while true {
            let count = buffer.withUnsafeMutableBufferPointer { read(descriptor, $0.baseAddress! + old, Self.chunkSize) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else {
                let reason = String(cString: strerror(errno))
                buffer.removeSubrange(old...)
                throw RecordingReadError("\(path) line \(lineNumber + 1): reading failed: \(reason).")
            }
            buffer.removeSubrange((old + count)...)
            if count == 0 { atEndOfFile = true }
            return
        }
    }
}

/// Why a recording could not be read (on): one sentence, naming the file and, past opening it, the line.
public struct RecordingReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension RecordingReader {
    /// The number of lines in the file at `path` (a last one without a newline included), for a
    /// progress line; `nil` when it cannot be read.
    public static func lineCount(path: String) -> Int? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var lines = 0
        var last = UInt8(ascii: "\n")
        while true {
            let count = chunk.withUnsafeMutableBufferPointer { read(descriptor, $0.baseAddress!, chunkSize) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return last == UInt8(ascii: "\n") ? lines : lines + 1 }
            for byte in chunk[..<count] where byte == UInt8(ascii: "\n") { lines += 1 }
            last = chunk[count - 1]
        }
    }
}
