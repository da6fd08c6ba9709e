/// Event counts in consecutive fixed-width time buckets, keeping only the most recent `slots` buckets.
///
/// Buckets are named by an absolute index (for example tenths of a second since the reference
/// date); a slot whose stamp is older than the bucket asked for reads as zero.
struct BucketCounter: Sendable {
    private var counts: [Int]
    private var stamps: [Int]

    init(slots: Int) {
        counts = Array(repeating: 0, count: max(1, slots))
        stamps = Array(repeating: Int.min, count: max(1, slots))
    }

    var slots: Int { counts.count }

    /// Counts `events` events (one by default) in bucket `bucket`.
    mutating func record(bucket: Int, events: Int = 1) {
        let slot = Self.slot(of: bucket, slots: counts.count)
        if stamps[slot] == bucket {
            counts[slot] &+= events
        } else {
            stamps[slot] = bucket
            counts[slot] = events
        }
    }

    /// The count in bucket `bucket`, zero when it is too old or has not happened yet.
    func count(bucket: Int) -> Int {
        let slot = Self.slot(of: bucket, slots: counts.count)
        return stamps[slot] == bucket ? counts[slot] : 0
    }

    /// The total over the `width` buckets ending with `bucket` (inclusive).
    func sum(endingAt bucket: Int, width: Int) -> Int {
        var total = 0
        for index in (bucket - min(width, counts.count) + 1)...bucket { total += count(bucket: index) }
        return total
    }

    /// The counts of the `width` buckets ending with `bucket`, oldest first.
    func history(endingAt bucket: Int, width: Int) -> [Int] {
        ((bucket - width + 1)...bucket).map { count(bucket: $0) }
    }

    private static func slot(of bucket: Int, slots: Int) -> Int {
        let remainder = bucket % slots
        return remainder < 0 ? remainder + slots : remainder
    }
}
