import MushroomLoad
import MushroomRPC
import Testing

/// The figures a run reports and their JSON form.
struct FigureTests {
    static let result: LoadResult = {
        var counts = LoadCounts()
        counts.sent = 110
        counts.answered = 100
        counts.refused = 4
        counts.failed = 6
        counts.measured = 50
        return LoadResult(
            name: "echo", noun: "requests", setup: "1 connection", counts: counts, measuredSeconds: 2,
            latency: LatencySummary(count: 50, p50: 1_000_000, p90: 2_000_000, p99: 3_000_000, p999: 4_000_000, max: 5_500_000))
    }()

    @Test func figuresNameThroughputPercentilesAndErrors() {
        #expect(Self.result.figures == [
            Figure(name: "echo.throughput", value: 25, unit: "requests/s"),
            Figure(name: "echo.latency.p50", value: 1, unit: "ms"),
            Figure(name: "echo.latency.p90", value: 2, unit: "ms"),
            Figure(name: "echo.latency.p99", value: 3, unit: "ms"),
            Figure(name: "echo.latency.p99.9", value: 4, unit: "ms"),
            Figure(name: "echo.latency.max", value: 5.5, unit: "ms"),
            Figure(name: "echo.errors", value: 10, unit: "requests"),
        ])
    }

    @Test func jsonHasExactlyNameValueUnit() throws {
        for figure in Self.result.figures {
            let parsed = try JSONValue(parsing: figure.json)
            #expect(parsed == ["name": .string(figure.name), "value": .double(figure.value), "unit": .string(figure.unit)]
                || parsed == ["name": .string(figure.name), "value": .integer(Int64(figure.value)), "unit": .string(figure.unit)])
            #expect(parsed.objectValue?.keys.sorted() == ["name", "unit", "value"])
            #expect(!figure.json.contains("\n"))
        }
        #expect(Figure(name: "a \"b\"", value: .infinity, unit: "x").json == #"{"name":"a \"b\"","value":0,"unit":"x"}"#)
    }

    @Test func reportReadsLikeRedisBenchmark() {
        #expect(Self.result.report == """
            ====== echo ======
              50 requests completed in 2.00 seconds
              1 connection
              10 errors (4 refused, 6 failed)

            Summary:
              throughput summary: 25.00 requests per second
              latency summary (msec):
                       p50       p90       p99     p99.9       max
                     1.000     2.000     3.000     4.000     5.500
            """)
    }

    @Test func latencyRecorderKeepsThreeSignificantDigits() {
        let recorder = LatencyRecorder()
        for value in 1...1000 { recorder.record(nanoseconds: UInt64(value) * 1000) }
        let summary = recorder.summary
        #expect(summary.count == 1000)
        #expect((499_000...501_000).contains(summary.p50))
        #expect((989_000...991_000).contains(summary.p99))
        #expect((999_000...1_001_000).contains(summary.max))
    }
}
