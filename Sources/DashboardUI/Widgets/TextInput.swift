/// A one-line text field that scrolls horizontally to keep its cursor visible.
public struct TextInput {
    /// The text typed so far.
    public var text: String
    /// Cursor position in characters.
    public var cursor: Int

    /// A field showing `text` with the cursor at `cursor` (clamped to the text).
    public init(text: String, cursor: Int) {
        self.text = text
        self.cursor = min(max(0, cursor), text.count)
    }

    /// Draws the field in `width` cells from `offset` on `row` of `rect` (filled with `role`);
    /// returns where the cursor is on screen.
    @discardableResult
    public func draw(on canvas: Canvas, in rect: Rect, row: Int, offset: Int, width: Int, role: Role) -> Position? {
        let width = min(width, rect.width - offset)
        guard width > 0, row >= 0, row < rect.height else { return nil }
        canvas.clear(Rect(row: rect.row + row, column: rect.column + offset, height: 1, width: width), role: role)
        let characters = Array(text)
        let beforeCursor = characters[..<cursor].map(DisplayWidth.of)
        // Drop characters from the left until the cursor fits in the field.
        var start = 0
        var cursorColumn = beforeCursor.reduce(0, +)
        while cursorColumn > width - 1, start < beforeCursor.count {
            cursorColumn -= beforeCursor[start]
            start += 1
        }
        canvas.text(String(characters[start...]), in: rect, row: row, offset: offset, role: role)
        return Position(row: rect.row + row, column: rect.column + offset + cursorColumn)
    }
}
