import DashboardModel

/// Per-method notification rates (count, rate and bytes per second over ten seconds, a sparkline
/// of the last minute) in the order `o` picks (the top talkers), then per-method request
/// latencies (answered count, p50, p99, late responses) in up to half the rows.
public enum RatesPane {
    /// Below the stream, above the requests.
    public static let placement = Placement(column: .left, order: 1) { min(max($0 / 6, 4), 8) }

    /// Draws the box in `rect`, border included.
    public static func draw(_ context: PaneContext, in rect: Rect) {
        let stream = context.snapshot.stream
        let latencies = context.snapshot.requests.latencies
        let canvas = context.canvas
        let status = "\(stream.methodCount) methods\(canvas.glyphs.separator)by \(stream.methodOrder.rawValue) (o)"
        let inner = Box(title: "rates", status: status).draw(on: canvas, in: rect)
        let latencyRows = min(latencies.count, stream.methods.isEmpty ? max(0, inner.height - 1) : inner.height / 2)
        let methods = stream.methods.prefix(inner.height - latencyRows)
        let shownLatencies = latencies.prefix(latencyRows)
        // An alert on a method marks its name.
        func label(_ method: String) -> String { context.snapshot.hasAlert(onMethod: method) ? "!" + method : method }
        let names = methods.map { label($0.method) } + shownLatencies.map(\.method)
        let methodWidth = min(max(6, names.map(DisplayWidth.of).max() ?? 6), max(6, inner.width / 3))
        var row = 0
        if stream.methods.isEmpty, inner.height > 0 {
            canvas.truncated("no notifications yet", in: inner, row: 0, width: inner.width, role: .label)
            row = 1
        }
        for method in methods {
            let name = label(method.method)
            canvas.truncated(name, in: inner, row: row, width: methodWidth, role: name == method.method ? .method : .badge)
            let numbers = DisplayWidth.pad("\(method.count)", to: 8) + DisplayWidth.pad(Format.rate(method.ratePerSecond10s), to: 9)
                + DisplayWidth.pad(Format.byteRate(method.bytesPerSecond10s), to: 10)
            canvas.text(numbers, in: inner, row: row, offset: methodWidth + 1, role: .text)
            let chartStart = methodWidth + 1 + numbersWidth
            Sparkline(values: method.rateHistory).draw(on: canvas, in: inner, row: row, offset: chartStart, width: inner.width - chartStart)
            row += 1
        }
        for latency in shownLatencies {
            canvas.truncated(latency.method, in: inner, row: row, width: methodWidth, role: .method)
            let numbers = DisplayWidth.pad("\(latency.count)", to: 8)
                + "p50 " + DisplayWidth.pad(Format.duration(latency.p50), to: 7) + "p99 " + Format.duration(latency.p99)
                + (latency.lateResponses > 0 ? "  \(latency.lateResponses) late" : "")
            canvas.truncated(numbers, in: inner, row: row, offset: methodWidth + 1, width: inner.width, role: .text)
            row += 1
        }
    }

    /// The width of the count, rate and byte rate columns before the sparkline.
    private static let numbersWidth = 28
}
