import Foundation
import MushroomRPC

/// Latencies counted in log-scale buckets (eight per doubling, from 1 µs to about 18 hours): bounded
/// memory, percentiles within about 4.5%.
struct LatencyHistogram: Sendable, Hashable {
    private static let bucketsPerDoubling = 8.0
    private static let bucketCount = 8 * 36
    private var buckets = [Int](repeating: 0, count: LatencyHistogram.bucketCount)
    private(set) var count = 0

    mutating func record(_ latency: Duration) {
        let microseconds = max(1, latency.timeInterval * 1e6)
        let bucket = Int((log2(microseconds) * Self.bucketsPerDoubling).rounded(.down))
        buckets[min(max(bucket, 0), Self.bucketCount - 1)] += 1
        count += 1
    }

    /// The latency below which `quantile` (0...1) of the recorded ones fall: the geometric middle
    /// of the bucket holding that rank; `nil` when empty.
    func percentile(_ quantile: Double) -> Duration? {
        guard count > 0 else { return nil }
        let rank = max(1, Int((quantile * Double(count)).rounded(.up)))
        var seen = 0
        for (bucket, bucketCount) in buckets.enumerated() {
            seen += bucketCount
            if seen >= rank {
                let microseconds = exp2((Double(bucket) + 0.5) / Self.bucketsPerDoubling)
                return .microseconds(microseconds)
            }
        }
        return nil
    }
}
