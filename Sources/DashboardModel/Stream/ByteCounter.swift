/// Bytes of one method's notifications: the total, and the last ten seconds in 100 ms buckets.
struct ByteCounter: Sendable {
    private(set) var total = 0
    private var tenths = BucketCounter(slots: 100)

    /// Counts `bytes` bytes at `instant`.
    mutating func record(_ bytes: Int, at instant: Instant) {
        total &+= bytes
        tenths.record(bucket: instant.tenth, events: bytes)
    }

    /// Bytes per second over the hundred 100 ms buckets ending with the one holding `instant`.
    func perSecond10s(at instant: Instant) -> Double {
        Double(tenths.sum(endingAt: instant.tenth, width: 100)) / 10
    }
}
