/// A key press, independent of curses.
public enum Key: Sendable, Hashable {
    /// A printable character.
    case character(Character)
    /// Control plus a letter, e.g. `.control("c")` for ctrl-c.
    case control(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, tab, backTab, escape, backspace, delete
    /// The terminal was resized.
    case resize
    /// A click, double click or wheel turn (with the mouse on).
    case mouse(MouseEvent)

    /// The key for a character code read with `get_wch` (not a function key).
    public init(code: UInt32) {
        switch code {
        case 9: self = .tab
        case 10, 13: self = .enter
        case 27: self = .escape
        case 8, 127: self = .backspace
        case 1...26: self = .control(Character(Unicode.Scalar(code + 96) ?? "?"))
        default: self = .character(Character(Unicode.Scalar(code) ?? "\u{FFFD}"))
        }
    }
}
