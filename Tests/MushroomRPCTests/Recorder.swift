import Synchronization

@testable import MushroomRPC

/// A connection writer that records what the engine writes, for asserting exact wire traffic.
final class Recorder: Sendable {
    private let messages = Mutex<[Message]>([])

    var written: [Message] { messages.withLock { $0 } }

    var writer: Engine.FrameWriter {
        { message in self.messages.withLock { $0.append(message) } }
    }

    /// Waits (up to a minute) until at least `count` messages were written, and returns them.
    func waitFor(_ count: Int) async throws -> [Message] {
        try await eventually { written.count >= count }
        return written
    }
}

/// Polls `condition` every few milliseconds until it holds, failing after `seconds` (generous: the
/// whole suite shares two cores, so this bounds a hang rather than measuring speed).
func eventually(within seconds: Double = 60, _ condition: () -> Bool) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + .seconds(seconds)
    while !condition() {
        guard clock.now < deadline else { throw WaitTimedOut() }
        try await Task.sleep(for: .milliseconds(2))
    }
}

struct WaitTimedOut: Error, CustomStringConvertible {
    var description: String { "the condition did not hold in time" }
}
