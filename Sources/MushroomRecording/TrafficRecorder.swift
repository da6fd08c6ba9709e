import Foundation
import MushroomRPC
import Synchronization

/// Records an engine's traffic to a `RecordingFile`: its header, then every message in and out
/// and every connection change, one line each (`RecordedTraffic`). It taps the engine
/// (`Engine.tap(_:)`, a `RecordingTap`), which sees every message, however fast they come, and
/// hands an inbound message's text as it arrived, so that its line is that text in an envelope.
/// A writer task writes what was noted meanwhile in one `write(2)`, at most one every
/// `gathering` (10 ms) while traffic flows, so that a flood costs a hundred writes and wake-ups a
/// second, not one per read: each batch is on disk before the next is taken. When a write fails (a full disk) it stops, and says why once through
/// `onStop`; the engine and its client go on.
///
/// ```swift
/// let recorder = TrafficRecorder(file: try RecordingFile(creating: path)) { console.printError($0) }
/// configuration.onEngine = { engine, transport in recorder.record(engine, header: ...) }
/// ...
/// await client.close()
/// await recorder.finished()
/// ```
public final class TrafficRecorder: Sendable {
    private let file: RecordingFile
    private let onStop: @Sendable (String) -> Void
    private let writer = Mutex<Task<Void, Never>?>(nil)

    /// The least time between two writes: lines noted meanwhile go in the next.
    static let gathering: Duration = .milliseconds(10)

    /// A recorder writing to `file`, telling `onStop` why it stopped if a write fails.
    public init(file: RecordingFile, onStop: @escaping @Sendable (String) -> Void) {
        self.file = file
        self.onStop = onStop
    }

    /// Taps `engine` at once (nothing from now on is missed) and writes `header`, then its
    /// traffic, until the engine closes. Call it once.
    public func record(_ engine: Engine, header: RecordingHeader) {
        let tap = RecordingTap(header: header.line)
        engine.tap(tap)
        let (file, onStop) = (file, onStop)
        let task = Task {
            do throws(RecordingFileError) {
                while let lines = await tap.next() {
                    try file.write(lines)
                    try? await Task.sleep(for: Self.gathering)
                }
            } catch {
                tap.stop()
                onStop(error.description)
            }
        }
        writer.withLock { $0 = task }
    }

    /// Returns once everything the engine published before it closed is written (or the
    /// recorder stopped); at once when it never recorded.
    public func finished() async {
        await writer.withLock { $0 }?.value
    }
}
