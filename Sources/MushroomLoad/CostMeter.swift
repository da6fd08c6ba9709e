import Foundation
import Synchronization

/// What the measured part of a run cost: the CPU time a server process and this process (the
/// load generator) spent over it (from `/proc/PID/stat`), and how long it took; measured in
/// spans (`start`, `stop`), so that what happens between them is left out.
final class CostMeter: Sendable {
    private struct State {
        var serverSeconds = 0.0
        var clientSeconds = 0.0
        var seconds = 0.0
        var startedAt: (server: Double, client: Double)?
    }

    private let serverPID: Int32
    private let state = Mutex(State())

    init(serverPID: Int32) {
        self.serverPID = serverPID
    }

    /// Starts a span.
    func start() {
        let now = readings()
        state.withLock { $0.startedAt = now }
    }

    /// Ends the span begun by `start`, which took `seconds`.
    func stop(seconds: Double) {
        let now = readings()
        state.withLock { state in
            guard let start = state.startedAt else { return }
            state.serverSeconds += now.server - start.server
            state.clientSeconds += now.client - start.client
            state.seconds += seconds
            state.startedAt = nil
        }
    }

    /// The time of every span, in seconds.
    var seconds: Double { state.withLock { $0.seconds } }

    /// The server's CPU time over the spans per `count` operations, in microseconds (0 for none).
    func serverMicroseconds(per count: Int) -> Double {
        count > 0 ? state.withLock { $0.serverSeconds } * 1e6 / Double(count) : 0
    }

    /// This process's CPU time over the spans per `count` operations, in microseconds (0 for none).
    func clientMicroseconds(per count: Int) -> Double {
        count > 0 ? state.withLock { $0.clientSeconds } * 1e6 / Double(count) : 0
    }

    private func readings() -> (server: Double, client: Double) {
        ((try? ProcessCPU.seconds(of: serverPID)) ?? 0, (try? ProcessCPU.seconds(of: getpid())) ?? 0)
    }
}
