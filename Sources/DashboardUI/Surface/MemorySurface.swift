/// A surface kept in memory, for tests: what each cell shows and in which style.
public final class MemorySurface: Surface {
    /// One cell: the scalar shown and its style. The cell after a wide character holds
    /// `continuation`, which `lines` leave out so that rows read as the terminal shows them.
    public struct Cell: Sendable, Hashable {
        public var scalar: Unicode.Scalar
        public var style: TextStyle
        /// The scalar of the second cell of a wide character.
        public static let continuation: Unicode.Scalar = "\u{0}"
    }

    /// Rows and columns, fixed at creation.
    public let size: Size
    private var cells: [Cell]
    /// Where the cursor is shown, if anywhere.
    public private(set) var cursor: Position?

    /// A blank surface of `size`.
    public init(size: Size) {
        self.size = size
        cells = Array(repeating: Cell(scalar: " ", style: .plain), count: size.rows * size.columns)
    }

    @discardableResult
    public func put(_ text: String, row: Int, column: Int, width: Int, style: TextStyle) -> Int {
        guard row >= 0, row < size.rows, column >= 0, column < size.columns else { return 0 }
        var at = column
        for (scalar, taken) in DisplayWidth.clip(text, to: min(width, size.columns - column)) {
            cells[row * size.columns + at] = Cell(scalar: scalar, style: style)
            if taken == 2 { cells[row * size.columns + at + 1] = Cell(scalar: Cell.continuation, style: style) }
            at += taken
        }
        return at - column
    }

    public func fill(_ rect: Rect, with character: Character, style: TextStyle) {
        let area = rect.intersection(Rect(row: 0, column: 0, height: size.rows, width: size.columns))
        let scalar = DisplayWidth.printable(character)
        for row in area.row..<area.bottom {
            for column in area.column..<area.right { cells[row * size.columns + column] = Cell(scalar: scalar, style: style) }
        }
    }

    public func setCursor(_ position: Position?) {
        cursor = position
    }

    /// The cell at `row`/`column`.
    public subscript(row: Int, column: Int) -> Cell {
        cells[row * size.columns + column]
    }

    /// The text of `columns` of `row` (cells, not characters: a wide character's second cell adds nothing).
    public func text(row: Int, columns: Range<Int>) -> String {
        let range = columns.clamped(to: 0..<size.columns)
        return String(String.UnicodeScalarView(range.map { self[row, $0].scalar }.filter { $0 != Cell.continuation }))
    }

    /// Each row as text, trailing spaces kept.
    public var lines: [String] {
        (0..<size.rows).map { row in
            String(String.UnicodeScalarView(cells[(row * size.columns)..<((row + 1) * size.columns)].map(\.scalar).filter { $0 != Cell.continuation }))
        }
    }

    /// The rows as one string, trailing spaces removed, for captures.
    public var text: String {
        lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }
}
