/// The instant by which a run must be over; every wait of the run checks it, so that a hang
/// fails the test with what was awaited instead of blocking it.
struct Deadline: Sendable {
    let instant: ContinuousClock.Instant

    init(in duration: Duration) {
        instant = .now + duration
    }

    var hasPassed: Bool { ContinuousClock.now >= instant }

    /// Polls `condition` until it holds; throws `DeadlinePassed` naming `what` (and `progress`, when
    /// given) once the deadline passes.
    func wait(
        for what: String, progress: @Sendable () -> String = { "" }, until condition: @Sendable () -> Bool
    ) async throws(DeadlinePassed) {
        var polls = 0
        while !condition() {
            guard !hasPassed else { throw DeadlinePassed(awaited: what, progress: progress()) }
            polls += 1
            // Short polls at first, for the common case of a state a moment away.
            try? await Task.sleep(for: .milliseconds(polls < 50 ? 2 : 20))
        }
    }
}

/// A run's deadline passed while it waited.
struct DeadlinePassed: Error, Hashable, CustomStringConvertible {
    let awaited: String
    let progress: String

    var description: String { "deadline passed while waiting for \(awaited)\(progress.isEmpty ? "" : " (\(progress))")" }
}
