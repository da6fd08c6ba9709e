import ArgumentParser
import Foundation
import MushroomClient
import MushroomRecording

/// `--record`, `--replay` and `--speed`, shared by `watch` and `dash`: record a live session to a
/// file, or play one back without a server.
struct RecordingOptions: ParsableArguments {
    @Option(help: "Record every message in and out, and every connection change, to this file (NDJSON; see the README).")
    var record: String?

    @Option(help: "Play this recording instead of connecting (no URL).")
    var replay: String?

    @Option(
        help: "With --replay: a multiple of the recorded timing, above 0 and at most \(Int(ReplaySpeed.fastest)), or max (as fast as it reads).",
        transform: { try ReplaySpeed(parsing: $0) })
    var speed: ReplaySpeed?

    /// What a command does with these options and its URL argument.
    enum Mode {
        /// Connect to `url`, recording to `record` when set.
        case live(url: String, record: String?)
        /// Play the recording at `path`.
        case replay(path: String, speed: ReplaySpeed?)
    }

    /// The mode that `url` and these options ask for; a usage error for a combination that makes no sense.
    func mode(url: String?) throws -> Mode {
        if let replay {
            if url != nil { throw CommandFailure.usage("--replay plays a recording without a server: leave out the URL.") }
            if record != nil { throw CommandFailure.usage("--replay and --record cannot be used together.") }
            return .replay(path: replay, speed: speed)
        }
        if speed != nil { throw CommandFailure.usage("--speed applies to --replay only.") }
        guard let url else { throw CommandFailure.usage("A URL is needed (or --replay FILE).") }
        return .live(url: url, record: record)
    }
}

extension TrafficRecorder {
    /// A recorder to the file at `path`, created at once (a usage error when it cannot be), that
    /// reports a failed write through `onStop`.
    static func creating(_ path: String, onStop: @escaping @Sendable (String) -> Void) throws -> TrafficRecorder {
        do {
            return TrafficRecorder(file: try RecordingFile(creating: path), onStop: onStop)
        } catch {
            throw CommandFailure.usage(error.description)
        }
    }

    /// Has `configuration`'s client recorded from its first connection, with `url` in the header.
    func record(into configuration: inout ClientConfiguration, url: String) {
        configuration.onEngine = { [self] engine, transport in
            record(engine, header: RecordingHeader(url: url, transport: transport.rawValue, started: Date()))
        }
    }
}

extension RecordingReader {
    /// Opens the recording at `path`; a usage error when it cannot be read.
    static func opening(_ path: String) throws -> RecordingReader {
        do {
            return try RecordingReader(path: path)
        } catch {
            throw CommandFailure.usage(error.description)
        }
    }
}
