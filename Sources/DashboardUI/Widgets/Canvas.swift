/// A surface with the palette and glyphs to draw on it: what widgets and panes receive.
public struct Canvas {
    /// Where the cells go.
    public let surface: any Surface
    /// The style of each role.
    public let palette: Palette
    /// Unicode or ASCII drawing characters.
    public let glyphs: Glyphs

    /// A canvas on `surface`.
    public init(surface: any Surface, palette: Palette, glyphs: Glyphs = .unicode) {
        self.surface = surface
        self.palette = palette
        self.glyphs = glyphs
    }

    /// The whole surface.
    public var bounds: Rect { Rect(row: 0, column: 0, height: surface.size.rows, width: surface.size.columns) }

    /// Writes `text` at the start of `row` of `rect`, from `offset` cells in, clipped to the
    /// rectangle; returns the cells written.
    @discardableResult
    public func text(_ text: String, in rect: Rect, row: Int, offset: Int = 0, role: Role) -> Int {
        guard row >= 0, row < rect.height, offset >= 0, offset < rect.width else { return 0 }
        return surface.put(
            text, row: rect.row + row, column: rect.column + offset, width: rect.width - offset, style: palette[role])
    }

    /// Writes `text` truncated with an ellipsis to fit `width` cells (and the rectangle).
    @discardableResult
    public func truncated(_ text: String, in rect: Rect, row: Int, offset: Int = 0, width: Int, role: Role) -> Int {
        let fitted = DisplayWidth.truncate(text, to: min(width, rect.width - offset), ellipsis: glyphs.ellipsis)
        return self.text(fitted, in: rect, row: row, offset: offset, role: role)
    }

    /// Fills `rect` with spaces in `role`'s style.
    public func clear(_ rect: Rect, role: Role) {
        surface.fill(rect, with: " ", style: palette[role])
    }
}
