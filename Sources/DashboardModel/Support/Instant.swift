import Foundation

/// A time reduced to the bucket indices the counters use.
struct Instant: Sendable, Hashable {
    /// Tenths of a second since the reference date, rounded down.
    let tenth: Int
    /// Seconds since the reference date, rounded down.
    let second: Int

    init(_ date: Date) {
        let tenths = (date.timeIntervalSinceReferenceDate * 10).rounded(.down)
        tenth = Int(max(min(tenths, 1e15), -1e15))
        second = Self.second(ofTenth: tenth)
    }

    /// The second holding the tenth of a second `tenth` (rounded down).
    static func second(ofTenth tenth: Int) -> Int {
        tenth >= 0 ? tenth / 10 : (tenth - 9) / 10
    }
}
