import MushroomRPC

/// One method's request latencies (answered requests, in a histogram, with the slowest), its
/// outbound requests that timed out, and the responses that came after their timeout.
struct MethodLatencyStats: Sendable, Hashable {
    private var histogram = LatencyHistogram()
    private var maximum: Duration?
    private var timeouts = 0
    private var lateResponses = 0

    /// A request answered (Response or Error) after `latency`.
    mutating func recordAnswer(after latency: Duration) {
        histogram.record(latency)
        maximum = max(maximum ?? latency, latency)
    }

    mutating func recordTimeout() {
        timeouts += 1
    }

    /// A response arrived after the request had timed out.
    mutating func recordLateResponse() {
        lateResponses += 1
    }

    /// The summary of `method`.
    func summary(method: String) -> MethodLatency {
        MethodLatency(
            method: method, count: histogram.count, p50: histogram.percentile(0.5), p90: histogram.percentile(0.9),
            p99: histogram.percentile(0.99), maximum: maximum, timeouts: timeouts, lateResponses: lateResponses)
    }
}
