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

    /// Counts `events` events that were not seen one by one, spread evenly over the 100 ms
    /// buckets from `first` to `last` (both included; no earlier than the events already counted).
    /// Only the buckets still kept are written; every event counts in the total.
    mutating func record(_ events: Int, spreadFrom first: Instant, to last: Instant) {
        guard events > 0 else { return }
        count += events
        let start = first.tenth
        let end = max(start, last.tenth)
        let span = Spread(events: events, start: start, width: end - start + 1)
        for tenth in max(start, end - tenths.slots + 1)...end {
            tenths.record(bucket: tenth, events: span.events(in: tenth...tenth))
        }
        let lastSecond = Instant.second(ofTenth: end)
        for second in max(Instant.second(ofTenth: start), lastSecond - seconds.slots + 1)...lastSecond {
            seconds.record(bucket: second, events: span.events(in: max(start, second * 10)...min(end, second * 10 + 9)))
        }
    }

    /// Events spread evenly over `width` consecutive buckets from `start`: the first `k` buckets
    /// hold `events * k / width` of them, rounded down, so that the buckets add up to `events`.
    private struct Spread {
        let events: Int
        let start: Int
        let width: Int

        /// The events in `buckets` (which lie within the span).
        func events(in buckets: ClosedRange<Int>) -> Int {
            before(buckets.upperBound + 1) - before(buckets.lowerBound)
        }

        /// The events in the buckets before `bucket`.
        private func before(_ bucket: Int) -> Int {
            let product = events.multipliedFullWidth(by: bucket - start)
            return width.dividingFullWidth((product.high, product.low)).quotient
        }
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
