import Synchronization

/// Bounds a WebSocket opening: WSClient waits for the upgrade answer without a time limit, and a
/// connection half-closed or gone silent during the upgrade keeps it waiting forever (its
/// sockets allow half-closure, so a FIN alone does not end it). The attempt runs in its own task;
/// whichever comes first, the upgrade or the deadline, wins, and an attempt that lost leaves at
/// once if its upgrade ever completes.
final class UpgradeRace: Sendable {
    private enum Phase {
        case waiting
        case upgraded
        case abandoned
    }

    private let phase = Mutex(Phase.waiting)

    /// Called when the socket is open; false when the attempt was abandoned and must leave.
    func upgrade() -> Bool {
        phase.withLock { phase in
            guard phase == .waiting else { return false }
            phase = .upgraded
            return true
        }
    }

    /// Called at the deadline; true when the attempt had not upgraded yet and is now abandoned.
    func abandon() -> Bool {
        phase.withLock { phase in
            guard phase == .waiting else { return false }
            phase = .abandoned
            return true
        }
    }

    /// Runs `attempt` in its own task and returns its result, or throws `UpgradeTimedOut` when the
    /// upgrade has not happened within `timeout`; cancelling the caller cancels the attempt.
    func run<Value: Sendable>(timeout: Duration, _ attempt: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let (outcomes, outcome) = AsyncStream<Result<Value, any Error>>.makeStream(bufferingPolicy: .bufferingOldest(1))
        let task = Task {
            do {
                outcome.yield(.success(try await attempt()))
            } catch {
                outcome.yield(.failure(error))
            }
        }
        let timer = Task { [self] in
            try await Task.sleep(for: timeout)
            if abandon() { outcome.yield(.failure(UpgradeTimedOut(timeout: timeout))) }
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            for await result in outcomes { return try result.get() }
            throw CancellationError()
        } onCancel: {
            task.cancel()
            outcome.finish()
        }
    }
}

/// The WebSocket upgrade did not finish in time.
struct UpgradeTimedOut: Error, Hashable, CustomStringConvertible {
    let timeout: Duration
    var description: String { "the WebSocket upgrade did not finish within \(timeout)" }
}
