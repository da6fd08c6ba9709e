import Foundation

/// A session's message rate for the operator's view: messages in and out per second over the
/// time since the last sample at least `minimumInterval` old, so that a listing every second
/// shows the last second's rate (and the first listing the rate since the session began).
struct RateMeter: Sendable {
    static let minimumInterval: TimeInterval = 1

    private var sampleTime: Date
    private var sampleTotal = 0
    private var rate = 0.0

    init(start: Date) {
        sampleTime = start
    }

    /// The rate, given the `total` messages so far at `now`.
    mutating func rate(total: Int, at now: Date) -> Double {
        let elapsed = now.timeIntervalSince(sampleTime)
        if elapsed >= Self.minimumInterval {
            rate = Double(max(0, total - sampleTotal)) / elapsed
            sampleTime = now
            sampleTotal = total
        }
        return rate
    }
}
