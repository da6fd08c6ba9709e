/// A bar showing the time left before a deadline; its role turns from ok to warning to expired.
public struct CountdownBar {
    /// Fraction of the timeout used, 0...1.
    public var fractionUsed: Double
    /// The role the bar is drawn in (see `RequestsPane.countdownRole`).
    public var role: Role

    /// A bar for `fractionUsed` (clamped to 0...1).
    public init(fractionUsed: Double, role: Role) {
        self.fractionUsed = min(max(fractionUsed, 0), 1)
        self.role = role
    }

    /// The bar as text `width` cells wide: full cells for the time left, empty for the time used.
    public func text(width: Int, glyphs: Glyphs) -> String {
        guard width > 0 else { return "" }
        let left = Int(((1 - fractionUsed) * Double(width)).rounded(.up))
        return String(repeating: glyphs.barFull, count: left) + String(repeating: glyphs.barEmpty, count: width - left)
    }

    /// Draws the bar on `row` of `rect` from `offset`, `width` cells wide.
    public func draw(on canvas: Canvas, in rect: Rect, row: Int, offset: Int, width: Int) {
        canvas.text(text(width: width, glyphs: canvas.glyphs), in: rect, row: row, offset: offset, role: role)
    }
}
