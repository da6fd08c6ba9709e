/// A grid of character cells that panes draw on: the terminal, or memory in tests.
///
/// Every call is clipped to the surface; text is measured in display cells (see `DisplayWidth`).
public protocol Surface: AnyObject {
    /// Rows and columns.
    var size: Size { get }
    /// Writes `text` at `row`/`column` in `style`, clipped to `width` cells and to the surface;
    /// returns the cells written.
    @discardableResult
    func put(_ text: String, row: Int, column: Int, width: Int, style: TextStyle) -> Int
    /// Fills `rect` (clipped to the surface) with `character` in `style`.
    func fill(_ rect: Rect, with character: Character, style: TextStyle)
    /// Shows the cursor at a cell, or hides it with `nil`.
    func setCursor(_ position: Position?)
}

extension Surface {
    /// Writes `text` clipped only by the surface's right edge.
    @discardableResult
    public func put(_ text: String, row: Int, column: Int, style: TextStyle) -> Int {
        put(text, row: row, column: column, width: size.columns - column, style: style)
    }
}

/// A surface's dimensions.
public struct Size: Sendable, Hashable, CustomStringConvertible {
    /// Rows (lines) and columns (cells per line).
    public var rows: Int
    public var columns: Int

    /// A size; negative values are taken as zero.
    public init(rows: Int, columns: Int) {
        self.rows = max(0, rows)
        self.columns = max(0, columns)
    }

    public var description: String { "\(columns)x\(rows)" }
}

/// A cell position.
public struct Position: Sendable, Hashable {
    /// Zero-based row and column.
    public var row: Int
    public var column: Int

    /// The cell at `row`/`column`.
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}

/// A rectangle of cells.
public struct Rect: Sendable, Hashable {
    /// Top-left cell and size.
    public var row: Int
    public var column: Int
    public var height: Int
    public var width: Int

    /// A rectangle; negative sizes are taken as zero.
    public init(row: Int, column: Int, height: Int, width: Int) {
        self.row = row
        self.column = column
        self.height = max(0, height)
        self.width = max(0, width)
    }

    /// The rectangle inside a one-cell border.
    public var inner: Rect { Rect(row: row + 1, column: column + 1, height: height - 2, width: width - 2) }
    /// Whether it has no cells.
    public var isEmpty: Bool { height == 0 || width == 0 }
    /// The row after the last.
    public var bottom: Int { row + height }
    /// The column after the last.
    public var right: Int { column + width }

    /// Whether `position` is one of its cells.
    public func contains(_ position: Position) -> Bool {
        (row..<bottom).contains(position.row) && (column..<right).contains(position.column)
    }

    /// The top `rows` rows, and the rest.
    public func splitTop(_ rows: Int) -> (Rect, Rect) {
        let top = min(max(0, rows), height)
        return (Rect(row: row, column: column, height: top, width: width),
                Rect(row: row + top, column: column, height: height - top, width: width))
    }

    /// The left `columns` columns, and the rest.
    public func splitLeft(_ columns: Int) -> (Rect, Rect) {
        let left = min(max(0, columns), width)
        return (Rect(row: row, column: column, height: height, width: left),
                Rect(row: row, column: column + left, height: height, width: width - left))
    }

    /// The overlap of two rectangles (empty when they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let top = max(row, other.row)
        let left = max(column, other.column)
        return Rect(row: top, column: left, height: min(bottom, other.bottom) - top, width: min(right, other.right) - left)
    }
}
