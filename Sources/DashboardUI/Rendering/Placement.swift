/// Where a box sits in the normal layout: a column, its place from the top, and its height. In
/// each column the boxes with a height take it in order (while rows remain) and the box without
/// one takes the rest.
public struct Placement: Sendable {
    /// The body's left (wider) or right column.
    public enum Column: Sendable, Hashable {
        case left, right
    }

    /// The column it sits in.
    public let column: Column
    /// Boxes of a column stack by increasing order.
    public let order: Int
    /// Its rows for a body of this many rows; `nil` takes what the column's other boxes leave.
    public let height: @Sendable (_ bodyRows: Int) -> Int?

    /// A placement in `column` at `order`, `height` rows tall for a body of so many rows.
    public init(column: Column, order: Int, height: @escaping @Sendable (_ bodyRows: Int) -> Int?) {
        self.column = column
        self.order = order
        self.height = height
    }

    /// A placement that takes the rest of its column.
    public static func rest(of column: Column, order: Int) -> Placement {
        Placement(column: column, order: order) { _ in nil }
    }
}
