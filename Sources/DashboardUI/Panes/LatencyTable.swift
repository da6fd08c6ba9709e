import DashboardModel

/// The latency view's table (`L`): per method the answered count, p50, p90, p99 and max, the
/// timeouts, and the late responses (answered after their timeout), slowest p99 first.
enum LatencyTable {
    /// The column headings after the method's.
    static let headings = ["count", "p50", "p90", "p99", "max", "timeouts", "late"]
    /// The width of each numeric column.
    static let columnWidth = 9

    /// Draws the heading and `rows` in `inner`.
    static func draw(_ rows: [MethodLatency], canvas: Canvas, in inner: Rect) {
        guard inner.height > 0 else { return }
        let numbersWidth = headings.count * columnWidth
        let methodWidth = max(6, min(inner.width - 1 - numbersWidth, max(6, rows.map { DisplayWidth.of($0.method) }.max() ?? 6)))
        canvas.truncated("method", in: inner, row: 0, offset: 1, width: methodWidth, role: .label)
        canvas.truncated(line(headings), in: inner, row: 0, offset: 2 + methodWidth, width: inner.width, role: .label)
        if rows.isEmpty {
            canvas.truncated("no requests finished yet", in: inner, row: 1, offset: 1, width: inner.width - 1, role: .label)
            return
        }
        for (index, latency) in rows.enumerated() {
            canvas.truncated(latency.method, in: inner, row: index + 1, offset: 1, width: methodWidth, role: .method)
            let cells = ["\(latency.count)"] + [latency.p50, latency.p90, latency.p99, latency.maximum].map { Format.duration($0) }
                + ["\(latency.timeouts)", "\(latency.lateResponses)"]
            let role: Role = latency.lateResponses > 0 || latency.timeouts > 0 ? .countdownWarning : .text
            canvas.truncated(line(cells), in: inner, row: index + 1, offset: 2 + methodWidth, width: inner.width, role: role)
        }
    }

    private static func line(_ cells: [String]) -> String {
        cells.map { DisplayWidth.pad($0, to: columnWidth) }.joined()
    }
}
