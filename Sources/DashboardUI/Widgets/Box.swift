/// A bordered pane with a title (and optional right-aligned status) in its top border.
public struct Box {
    /// Shown at the left of the top border.
    public var title: String
    /// Shown at the right of the top border.
    public var status: String?
    /// Focused boxes use the focused-border role.
    public var focused: Bool

    /// A box with a title, an optional status and focus.
    public init(title: String, status: String? = nil, focused: Bool = false) {
        self.title = title
        self.status = status
        self.focused = focused
    }

    /// Draws the border in `rect`; returns the inside (empty when `rect` is too small for a border).
    @discardableResult
    public func draw(on canvas: Canvas, in rect: Rect) -> Rect {
        guard rect.height >= 2, rect.width >= 2 else { return Rect(row: rect.row, column: rect.column, height: 0, width: 0) }
        let glyphs = canvas.glyphs
        let border: Role = focused ? .focusedBorder : .paneBorder
        let line = String(repeating: glyphs.horizontal, count: rect.width - 2)
        canvas.text(String(glyphs.topLeft) + line + String(glyphs.topRight), in: rect, row: 0, role: border)
        canvas.text(String(glyphs.bottomLeft) + line + String(glyphs.bottomRight), in: rect, row: rect.height - 1, role: border)
        for row in 1..<(rect.height - 1) {
            canvas.text(String(glyphs.vertical), in: rect, row: row, role: border)
            canvas.text(String(glyphs.vertical), in: rect, row: row, offset: rect.width - 1, role: border)
        }
        var statusWidth = 0
        if let status, rect.width > 8 {
            let fitted = DisplayWidth.truncate(" \(status) ", to: (rect.width - 4) / 2, ellipsis: glyphs.ellipsis)
            statusWidth = DisplayWidth.of(fitted)
            canvas.text(fitted, in: rect, row: 0, offset: rect.width - 2 - statusWidth, role: .label)
        }
        if rect.width > 4 {
            canvas.truncated(" \(title) ", in: rect, row: 0, offset: 1, width: rect.width - 3 - statusWidth, role: focused ? .focusedBorder : .title)
        }
        return rect.inner
    }
}
