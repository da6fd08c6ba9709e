import Glibc
import MushroomCommandLine

/// A recording file open for writing, created or emptied: whole batches of lines are written with
/// `write(2)`, unbuffered, so that what was written is on disk for a crash to leave behind.
public final class RecordingFile: Sendable {
    /// The path it was opened at.
    public let path: String
    private let stream: StandardStream
    private let descriptor: Int32

    /// Creates (or empties) the file at `path`; throws one sentence when it cannot be written.
    public init(creating path: String) throws(RecordingFileError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw RecordingFileError("Cannot record to \(path): \(Self.reason(errno)).") }
        self.path = path
        self.descriptor = descriptor
        self.stream = StandardStream(descriptor: descriptor)
    }

    deinit {
        close(descriptor)
    }

    /// Writes all of `bytes`; throws one sentence when the write failed (a full disk).
    public func write(_ bytes: [UInt8]) throws(RecordingFileError) {
        if let failure = stream.write(bytes) {
            throw RecordingFileError("The recording stopped: writing to \(path) failed: \(Self.reason(failure)).")
        }
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// Why a recording file could not be opened or written: one sentence.
public struct RecordingFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
