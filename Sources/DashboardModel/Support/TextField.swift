/// A single-line editable text with a cursor counted in characters.
struct TextField: Sendable, Hashable {
    private(set) var characters: [Character]
    private(set) var cursor: Int

    init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    var text: String { String(characters) }

    var snapshot: TextFieldSnapshot { TextFieldSnapshot(text: text, cursor: cursor) }

    mutating func insert(_ text: String) {
        let inserted = Array(text)
        characters.insert(contentsOf: inserted, at: cursor)
        cursor += inserted.count
    }

    mutating func deleteBackward() {
        guard cursor > 0 else { return }
        cursor -= 1
        characters.remove(at: cursor)
    }

    mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    mutating func moveCursor(by delta: Int) {
        cursor = min(max(cursor + delta, 0), characters.count)
    }

    mutating func moveCursorToStart() { cursor = 0 }

    mutating func moveCursorToEnd() { cursor = characters.count }
}
