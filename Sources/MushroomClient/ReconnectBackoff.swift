import Foundation
import MushroomRPC

/// How long to wait before reconnection attempt `n`: exponential growth from `initialDelay` by
/// `multiplier`, capped at `maximumDelay`, then spread by up to `jitter` (a fraction) either way
/// so that many clients of a restarted server do not come back in lockstep.
public struct ReconnectBackoff: Sendable, Hashable {
    public var initialDelay: Duration
    public var maximumDelay: Duration
    public var multiplier: Double
    /// The fraction of the delay added or removed at random, 0 for none, at most 1.
    public var jitter: Double

    public init(
        initialDelay: Duration = .milliseconds(200), maximumDelay: Duration = .seconds(10),
        multiplier: Double = 2, jitter: Double = 0.2
    ) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.multiplier = multiplier
        self.jitter = jitter
    }

    /// The delay before attempt `attempt` (1 is the first retry); `random` is uniform in 0...1.
    public func delay(beforeAttempt attempt: Int, random: Double) -> Duration {
        let base = initialDelay.timeInterval * pow(multiplier, Double(max(attempt - 1, 0)))
        let capped = min(base, maximumDelay.timeInterval)
        let spread = min(max(jitter, 0), 1) * (2 * min(max(random, 0), 1) - 1)
        return .milliseconds(Int64((capped * (1 + spread) * 1000).rounded()))
    }

    /// The delay before attempt `attempt`, with system randomness.
    public func delay(beforeAttempt attempt: Int) -> Duration {
        delay(beforeAttempt: attempt, random: Double.random(in: 0...1))
    }
}
