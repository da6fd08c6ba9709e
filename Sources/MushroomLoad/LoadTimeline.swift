import Dispatch
import Synchronization

/// The phases of one load run: a warm-up whose results are discarded, the measurement window,
/// then draining (no new work starts; what is in flight finishes). Workers ask the timeline
/// whether to go on and whether what just completed counts.
public final class LoadTimeline: Sendable {
    /// Where a run is.
    public enum Phase: Int, Sendable {
        case warmup, measuring, draining
    }

    private let phase = Atomic<Int>(Phase.warmup.rawValue)
    private let window = Mutex<(start: UInt64, end: UInt64)>((0, 0))

    public init() {}

    /// The current phase.
    public var current: Phase { Phase(rawValue: phase.load(ordering: .acquiring)) ?? .draining }
    /// Whether a result completing now is counted.
    public var isMeasuring: Bool { current == .measuring }
    /// Whether workers should stop starting new work.
    public var isDraining: Bool { current == .draining }

    /// Waits out the warm-up, opens the measurement window for `duration`, then starts draining.
    /// Cancellation ends the phase being waited out early.
    public func run(warmup: Duration, duration: Duration) async {
        if warmup > .zero { try? await Task.sleep(for: warmup) }
        window.withLock { window in
            guard current == .warmup else { return }
            window.start = Self.now()
            phase.store(Phase.measuring.rawValue, ordering: .releasing)
        }
        try? await Task.sleep(for: duration)
        stop()
    }

    /// Runs `workers` side by side with the timeline (`run`), calls `whenClosed` when the window
    /// closes, and returns once every worker returned; workers still running `grace` after the
    /// window closed are cancelled (a server that stopped answering cannot hold the run forever).
    public func drive(
        warmup: Duration, duration: Duration, grace: Duration, whenClosed: @escaping @Sendable () -> Void = {},
        _ workers: [@Sendable () async -> Void]
    ) async {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await self.run(warmup: warmup, duration: duration)
                whenClosed()
                try? await Task.sleep(for: grace)
                return true
            }
            for worker in workers {
                group.addTask {
                    await worker()
                    return false
                }
            }
            var running = workers.count
            while running > 0, let isTimeline = await group.next(), !isTimeline {
                running -= 1
            }
            group.cancelAll()
        }
    }

    /// Ends the measurement window now (if it is open) and starts draining.
    public func stop() {
        window.withLock { window in
            guard current != .draining else { return }
            if current == .warmup { window.start = Self.now() }
            window.end = Self.now()
            phase.store(Phase.draining.rawValue, ordering: .releasing)
        }
    }

    /// The length of the measurement window in seconds (0 until it closed).
    public var measuredSeconds: Double {
        window.withLock { window in window.end > window.start ? Double(window.end - window.start) / 1e9 : 0 }
    }

    /// A monotonic timestamp in nanoseconds; comparable across the tasks of one process.
    public static func now() -> UInt64 {
        DispatchTime.now().uptimeNanoseconds
    }
}
