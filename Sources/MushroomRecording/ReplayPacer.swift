/// When each line of a recording is due, at a speed that can change and with pauses: a value
/// with no clock of its own, given the time of every question, so that it is tested with plain
/// instants. Timing is kept relative to an anchor (a recorded time and the instant it played),
/// which a change of speed or a pause moves, so that playback goes on from where it is.
public struct ReplayPacer: Sendable {
    public private(set) var speed: ReplaySpeed
    public private(set) var isPaused = false
    private var anchor: (recorded: Double, instant: ContinuousClock.Instant)?
    /// The recorded time of the last line played.
    private var played: Double?

    public init(speed: ReplaySpeed) {
        self.speed = speed
    }

    /// How long after `now` the line recorded at `recorded` is due: zero when it is due now or at
    /// `max` speed, `nil` while paused.
    public mutating func delay(before recorded: Double, now: ContinuousClock.Instant) -> Duration? {
        guard !isPaused else { return nil }
        guard case .times(let multiple) = speed else { return .zero }
        guard let anchor else {
            self.anchor = (recorded, now)
            return .zero
        }
        let due = anchor.instant + .seconds(max(0, recorded - anchor.recorded) / multiple)
        return due > now ? due - now : .zero
    }

    /// Records that the line recorded at `recorded` was played.
    public mutating func played(_ recorded: Double) {
        played = recorded
    }

    /// Plays on at `speed` from `now`.
    public mutating func change(to speed: ReplaySpeed, now: ContinuousClock.Instant) {
        self.speed = speed
        reanchor(now)
    }

    /// Pauses, or plays on from `now`.
    public mutating func togglePause(now: ContinuousClock.Instant) {
        isPaused.toggle()
        reanchor(now)
    }

    private mutating func reanchor(_ now: ContinuousClock.Instant) {
        anchor = played.map { ($0, now) }
    }
}
