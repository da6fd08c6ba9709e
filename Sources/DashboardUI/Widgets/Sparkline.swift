/// A one-row chart of counts (oldest first), scaled to the largest; zero is the lowest level.
public struct Sparkline {
    /// Counts, oldest first.
    public var values: [Int]

    /// A chart of `values`.
    public init(values: [Int]) {
        self.values = values
    }

    /// The last `width` values as sparkline characters (fewer when there are fewer values).
    public func text(width: Int, glyphs: Glyphs) -> String {
        let shown = values.suffix(max(0, width))
        let top = max(1, shown.max() ?? 1)
        let levels = glyphs.sparks.count
        return String(shown.map { value in
            let level = value <= 0 ? 0 : min(levels - 1, max(1, Int((Double(value) / Double(top) * Double(levels - 1)).rounded())))
            return glyphs.sparks[level]
        })
    }

    /// Draws the chart right-aligned in `width` cells from `offset` on `row` of `rect`.
    public func draw(on canvas: Canvas, in rect: Rect, row: Int, offset: Int, width: Int) {
        let chart = text(width: width, glyphs: canvas.glyphs)
        canvas.text(chart, in: rect, row: row, offset: offset + width - chart.count, role: .sparkline)
    }
}
