/// What the mouse did, where (zero-based screen row and column).
public struct MouseEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case click
        case doubleClick
        case wheelUp
        case wheelDown
    }

    public let kind: Kind
    public let position: Position

    public init(kind: Kind, position: Position) {
        self.kind = kind
        self.position = position
    }

    /// The button-state bits curses reports for the events the dashboard asks for
    /// (`BUTTON1_CLICKED`...), given by the terminal layer so that decoding is a pure function.
    public struct Buttons: Sendable, Hashable {
        public let click: UInt
        public let doubleClick: UInt
        public let wheelUp: UInt
        public let wheelDown: UInt

        public init(click: UInt, doubleClick: UInt, wheelUp: UInt, wheelDown: UInt) {
            self.click = click
            self.doubleClick = doubleClick
            self.wheelUp = wheelUp
            self.wheelDown = wheelDown
        }

        /// Every bit asked for (the mask given to `mousemask`).
        public var all: UInt { click | doubleClick | wheelUp | wheelDown }
    }

    /// The event of a curses button `state` at `row`, `column`; nil for anything else (a
    /// release, another button, a position off the screen).
    public init?(state: UInt, row: Int, column: Int, buttons: Buttons) {
        guard row >= 0, column >= 0 else { return nil }
        // A double click also reports the click bits of some terminals: it wins.
        let kinds: [(UInt, Kind)] = [(buttons.doubleClick, .doubleClick), (buttons.click, .click), (buttons.wheelUp, .wheelUp), (buttons.wheelDown, .wheelDown)]
        guard let kind = kinds.first(where: { $0.0 != 0 && state & $0.0 != 0 })?.1 else { return nil }
        self.init(kind: kind, position: Position(row: row, column: column))
    }
}
