import Foundation
import MushroomRPC
import Synchronization

/// A `TrafficRecorder`'s tap on an engine: writes each message and connection change as its line
/// at once, into a buffer that the recorder's writer takes whole (`next()`), so that a message
/// costs its line's bytes (an inbound one's text as it arrived) and no event. A flush wakes a
/// waiting writer; the engine flushes once a read, not once a message.
final class RecordingTap: TrafficTap {
    private struct State {
        var lines: [UInt8]
        var writer: CheckedContinuation<[UInt8]?, Never>?
        var isFinished = false
        var isStopped = false

        /// The lines noted so far, leaving an empty buffer of the same capacity.
        mutating func take() -> [UInt8] {
            var taken: [UInt8] = []
            taken.reserveCapacity(lines.count)
            swap(&taken, &lines)
            return taken
        }
    }

    private let state: Mutex<State>

    /// A tap whose first line is `header`.
    init(header: [UInt8]) {
        state = Mutex(State(lines: header))
    }

    func received(_ message: Message, json: UnsafeRawBufferPointer?, at time: Date) {
        note { RecordedTraffic.appendMessageLine(at: time.timeIntervalSince1970, .in, message, json: json, to: &$0) }
    }

    func sent(_ message: Message, at time: Date) {
        note { RecordedTraffic.appendMessageLine(at: time.timeIntervalSince1970, .out, message, json: nil, to: &$0) }
    }

    func transportChanged(_ change: TransportEvent, at time: Date) {
        note { RecordedTraffic.appendConnectionLine(at: time.timeIntervalSince1970, change, to: &$0) }
    }

    func finished() {
        state.withLock { $0.isFinished = true }
    }

    func flush() {
        let handOff = state.withLock { state -> (CheckedContinuation<[UInt8]?, Never>, [UInt8]?)? in
            guard let writer = state.writer, !state.lines.isEmpty || state.isFinished else { return nil }
            state.writer = nil
            return (writer, state.lines.isEmpty ? nil : state.take())
        }
        if let (writer, lines) = handOff { writer.resume(returning: lines) }
    }

    private func note(_ append: (inout [UInt8]) -> Void) {
        state.withLock { state in
            if !state.isStopped { append(&state.lines) }
        }
    }

    /// The lines noted since the last call, waiting for a flush when there are none; `nil` once
    /// the engine finished and every line was taken.
    func next() async -> [UInt8]? {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> [UInt8]?? in
                if !state.lines.isEmpty { return .some(state.take()) }
                if state.isFinished { return .some(nil) }
                state.writer = continuation
                return .none
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Notes nothing more (the file cannot be written) and lets go of what was noted.
    func stop() {
        state.withLock { state in
            state.isStopped = true
            state.lines = []
        }
    }
}
