/// A total count plus recent counts in 100 ms buckets (for 1 s and 10 s rates) and one-second
/// buckets (for the rate history).
struct ActivityCounter: Sendable {
    private(set) var count = 0
    private var tenths = BucketCounter(slots: 100)
    private var seconds: BucketCounter

    init(historyLength: Int) {
        seconds = BucketCounter(slots: historyLength)
    }

    mutating func record(at instant: Instant) {
        count += 1
        tenths.record(bucket: instant.tenth)
        seconds.record(bucket: instant.second)
    }

    /// Events in the ten 100 ms buckets ending with the one holding `instant`.
    func ratePerSecond1s(at instant: Instant) -> Double {
        Double(tenths.sum(endingAt: instant.tenth, width: 10))
    }

    /// Events per second in the hundred 100 ms buckets ending with the one holding `instant`.
    func ratePerSecond10s(at instant: Instant) -> Double {
        Double(tenths.sum(endingAt: instant.tenth, width: 100)) / 10
    }

    /// Events per second for the history's seconds, oldest first, ending with the current one.
    func history(at instant: Instant) -> [Int] {
        seconds.history(endingAt: instant.second, width: seconds.slots)
    }
}
