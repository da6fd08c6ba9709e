/// Lines of "label  value", the labels padded to one column, each value in its own role.
public struct KeyValueLines {
    /// The lines: label, value and the value's role.
    public var entries: [(label: String, value: String, role: Role)]

    /// Lines for these entries.
    public init(_ entries: [(label: String, value: String, role: Role)]) {
        self.entries = entries
    }

    /// Draws one entry per row from the top of `rect`, as many as fit.
    public func draw(on canvas: Canvas, in rect: Rect) {
        let labelWidth = min(entries.map { DisplayWidth.of($0.label) }.max() ?? 0, rect.width / 2)
        for (row, entry) in entries.prefix(rect.height).enumerated() {
            canvas.truncated(entry.label, in: rect, row: row, width: labelWidth, role: .label)
            canvas.truncated(entry.value, in: rect, row: row, offset: labelWidth + 1, width: rect.width, role: entry.role)
        }
    }
}
