import Foundation

/// The outcome of one load run: its counts, measurement window and latency percentiles, as
/// figures for scripts and as a report for people.
public struct LoadResult: Sendable {
    /// The prefix of every figure name, e.g. `echo` or `raw.pipeline`.
    public let name: String
    /// What one completed operation is: `requests`, `messages` or `echoes`.
    public let noun: String
    /// How the load was applied, for the report, e.g. `1 connection, 100 in flight, ws`.
    public let setup: String
    public let counts: LoadCounts
    public let measuredSeconds: Double
    public let latency: LatencySummary
    /// Whether the run counted deliveries and losses (`fanout`, `sessions`).
    public let countsDeliveries: Bool
    /// What the run cost the processes involved, e.g. the server's memory per session (`sessions`).
    public let costs: [Figure]

    public init(
        name: String, noun: String, setup: String, counts: LoadCounts, measuredSeconds: Double, latency: LatencySummary,
        countsDeliveries: Bool = false, costs: [Figure] = []
    ) {
        self.name = name
        self.noun = noun
        self.setup = setup
        self.counts = counts
        self.measuredSeconds = measuredSeconds
        self.latency = latency
        self.countsDeliveries = countsDeliveries
        self.costs = costs
    }

    /// Operations completed per second in the measurement window.
    public var throughput: Double {
        measuredSeconds > 0 ? Double(counts.measured) / measuredSeconds : 0
    }

    /// `NAME.throughput` (NOUN/s), `NAME.latency.p50` ... `.max` (ms), `NAME.errors` (requests),
    /// for fan-out and sessions `NAME.lost` (messages), then the costs.
    public var figures: [Figure] {
        var figures = [Figure(name: "\(name).throughput", value: throughput, unit: "\(noun)/s")]
        for (label, nanoseconds) in latency.labelled {
            figures.append(Figure(name: "\(name).latency.\(label)", value: Double(nanoseconds) / 1e6, unit: "ms"))
        }
        figures.append(Figure(name: "\(name).errors", value: Double(counts.errors), unit: "requests"))
        if countsDeliveries {
            figures.append(Figure(name: "\(name).lost", value: Double(counts.lost), unit: "messages"))
        }
        return figures + costs
    }

    /// A summary in the manner of redis-benchmark.
    public var report: String {
        var lines = [
            "====== \(name) ======",
            "  \(counts.measured) \(noun) completed in \(String(format: "%.2f", measuredSeconds)) seconds",
            "  \(setup)",
        ]
        var problems = "  \(counts.errors) errors (\(counts.refused) refused, \(counts.failed) failed)"
        if countsDeliveries { problems += ", \(counts.lost) messages lost" }
        lines.append(problems)
        lines.append("")
        lines.append("Summary:")
        lines.append("  throughput summary: \(String(format: "%.2f", throughput)) \(noun) per second")
        lines.append("  latency summary (msec):")
        let columns = latency.labelled
        lines.append("    " + columns.map { $0.label.leftPadded(to: 10) }.joined())
        lines.append("    " + columns.map { String(format: "%.3f", Double($0.nanoseconds) / 1e6).leftPadded(to: 10) }.joined())
        if !costs.isEmpty {
            lines.append("  costs:")
            lines += costs.map { "    " + $0.line }
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
