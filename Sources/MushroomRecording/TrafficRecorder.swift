import Foundation
import MushroomRPC
import Synchronization

/// Records an engine's traffic to a `RecordingFile`: its header, then every message in and out
/// and every connection change, one line each (`RecordedTraffic`). It takes the engine's events
/// from a subscription of its own that drops none (`Engine.losslessEvents()`), whatever another
/// subscriber drops, and writes what arrived together in one `write(2)`: each batch is on disk
/// before the next is taken. When a write fails (a full disk) it stops, and says why once
/// through `onStop`; the engine and its client go on.
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

    /// A recorder writing to `file`, telling `onStop` why it stopped if a write fails.
    public init(file: RecordingFile, onStop: @escaping @Sendable (String) -> Void) {
        self.file = file
        self.onStop = onStop
    }

    /// Subscribes to `engine` at once (nothing from now on is missed) and writes `header`, then
    /// its traffic, until the engine closes. Call it once.
    public func record(_ engine: Engine, header: RecordingHeader) {
        let subscription = engine.losslessEvents()
        let (file, onStop) = (file, onStop)
        let task = Task {
            var bytes = header.line
            do throws(RecordingFileError) {
                while true {
                    if !bytes.isEmpty { try file.write(bytes) }
                    guard let batch = await subscription.next() else { return }
                    bytes.removeAll(keepingCapacity: true)
                    for event in batch.events { RecordedTraffic(event)?.appendLine(to: &bytes) }
                }
            } catch {
                subscription.cancel()
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
