import Histogram
import Synchronization

/// Records latencies (in nanoseconds) into an HdrHistogram with three significant digits, from
/// any task, and summarises them as percentiles.
public final class LatencyRecorder: Sendable {
    private let histogram = Mutex(Histogram<UInt64>(numberOfSignificantValueDigits: .three))

    public init() {}

    /// Records one latency.
    public func record(nanoseconds: UInt64) {
        histogram.withLock { _ = $0.record(nanoseconds) }
    }

    /// The percentiles of what was recorded so far.
    public var summary: LatencySummary {
        histogram.withLock { histogram in
            LatencySummary(
                count: Int(histogram.totalCount),
                p50: histogram.valueAtPercentile(50),
                p90: histogram.valueAtPercentile(90),
                p99: histogram.valueAtPercentile(99),
                p999: histogram.valueAtPercentile(99.9),
                max: histogram.totalCount == 0 ? 0 : histogram.max)
        }
    }
}

/// Latency percentiles in nanoseconds (all 0 when nothing was recorded).
public struct LatencySummary: Sendable, Hashable {
    public let count: Int
    public let p50: UInt64
    public let p90: UInt64
    public let p99: UInt64
    public let p999: UInt64
    public let max: UInt64

    public init(count: Int, p50: UInt64, p90: UInt64, p99: UInt64, p999: UInt64, max: UInt64) {
        self.count = count
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.p999 = p999
        self.max = max
    }

    /// The percentiles with their labels, in order: p50, p90, p99, p99.9, max.
    public var labelled: [(label: String, nanoseconds: UInt64)] {
        [("p50", p50), ("p90", p90), ("p99", p99), ("p99.9", p999), ("max", max)]
    }
}
