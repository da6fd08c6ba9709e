import Foundation

/// Durations to and from seconds: the one checked conversion for every number of seconds a
/// person types or a peer sends, so that no value (nan, inf, 1e300, -1) traps.
extension Duration {
    /// The longest duration accepted from outside: 100 years, far beyond any real timeout, and
    /// far inside what `Duration` and the clocks can add to their instants without overflow.
    public static let longestAccepted: Duration = .seconds(3_155_760_000)

    /// The duration `seconds` long, rounded to the nanosecond; throws when `seconds` is not a
    /// finite number between zero and `longestAccepted` (`allowsZero: false` refuses zero too).
    public init(checkedSeconds seconds: Double, allowsZero: Bool = true) throws(DurationOutOfRange) {
        let longest = Double(Duration.longestAccepted.components.seconds)
        guard seconds.isFinite, seconds >= 0, seconds <= longest, allowsZero || seconds > 0 else {
            throw DurationOutOfRange(seconds: seconds, allowsZero: allowsZero)
        }
        let nanoseconds = (seconds * 1e9).rounded()
        // Exact: at most 3.2e18 nanoseconds, below Int64.max.
        self = .nanoseconds(Int64(nanoseconds))
    }

    /// The duration in seconds, as Foundation's `TimeInterval`.
    public var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// "1.5 s", "250 ms".
    public var secondsDescription: String {
        let seconds = timeInterval
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        let rounded = (seconds * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? "\(Int(rounded)) s" : "\(rounded) s"
    }
}

/// A number of seconds that is no duration this library accepts.
public struct DurationOutOfRange: Error, Hashable, CustomStringConvertible {
    /// The number that was refused.
    public let seconds: Double
    /// Whether zero would have been accepted.
    public let allowsZero: Bool

    public var description: String {
        let range = allowsZero ? "from 0 to" : "above 0 and at most"
        return "\(seconds) is not a number of seconds \(range) \(Duration.longestAccepted.components.seconds) (100 years)"
    }
}
