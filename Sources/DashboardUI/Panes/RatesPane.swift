import DashboardModel

/// Per-method notification rates: count, rate over ten seconds, and a sparkline of the last minute.
public enum RatesPane {
    /// Draws the box in `rect`, border included.
    public static func draw(_ context: PaneContext, in rect: Rect) {
        let stream = context.snapshot.stream
        let inner = Box(title: "rates", status: "\(stream.methodCount) methods").draw(on: context.canvas, in: rect)
        guard !stream.methods.isEmpty else {
            context.canvas.truncated("no notifications yet", in: inner, row: 0, width: inner.width, role: .label)
            return
        }
        let methodWidth = min(max(6, stream.methods.map { DisplayWidth.of($0.method) }.max() ?? 6), max(6, inner.width / 3))
        let numbersWidth = 18
        for (index, method) in stream.methods.prefix(inner.height).enumerated() {
            let canvas = context.canvas
            canvas.truncated(method.method, in: inner, row: index, width: methodWidth, role: .method)
            let numbers = DisplayWidth.pad("\(method.count)", to: 8) + DisplayWidth.pad(Format.rate(method.ratePerSecond10s), to: 9)
            canvas.text(numbers, in: inner, row: index, offset: methodWidth + 1, role: .text)
            let chartStart = methodWidth + 1 + numbersWidth
            Sparkline(values: method.rateHistory).draw(on: canvas, in: inner, row: index, offset: chartStart, width: inner.width - chartStart)
        }
    }
}
