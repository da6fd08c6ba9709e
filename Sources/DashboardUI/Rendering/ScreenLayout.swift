import DashboardModel

/// Where everything goes on a screen of a given size: the header and footer rows, each pane's
/// rectangle (absent when it does not fit), the per-method rates box, and the overlay area.
/// From 80x24 up every pane is shown, each where its `Placement` puts it; below 60x12, or with a
/// pane maximised, one pane takes the body.
public struct ScreenLayout: Sendable, Hashable {
    /// The screen size laid out, and the header and footer rows.
    public let size: Size
    public let header: Rect
    public let footer: Rect
    /// Each shown pane's rectangle, border included.
    public let panes: [Pane: Rect]
    /// The per-method rates box, shown with the stream in the normal layout.
    public let rates: Rect?
    /// The rectangle of the detail view and help overlay.
    public let overlay: Rect

    /// The smallest size that shows every pane.
    public static let minimumFull = Size(rows: 12, columns: 60)

    /// The layout for `size` of the `shown` panes, with `maximized` taking the body if set;
    /// `focus` takes the body when the screen is too small for every pane.
    public init(size: Size, focus: Pane, maximized: Pane?, shown: [Pane] = Pane.standard) {
        self.size = size
        let screen = Rect(row: 0, column: 0, height: size.rows, width: size.columns)
        let (header, rest) = screen.splitTop(size.rows >= 3 ? 1 : 0)
        let (body, footer) = rest.splitTop(rest.height - (size.rows >= 4 ? 1 : 0))
        self.header = header
        self.footer = footer
        overlay = size.columns >= 30 && body.height >= 8
            ? Rect(row: body.row + 1, column: body.column + 2, height: body.height - 2, width: body.width - 4) : body
        let single = maximized ?? (size.rows < Self.minimumFull.rows || size.columns < Self.minimumFull.columns ? focus : nil)
        if let single {
            panes = [single: body]
            rates = nil
            return
        }
        let rightWidth = size.columns >= 120 ? size.columns * 2 / 5 : max(30, size.columns * 2 / 5)
        let (left, right) = body.splitLeft(body.width - rightWidth)
        let boxes = PaneViews.all.filter { shown.contains($0.pane) }.map { (Box.pane($0.pane), $0.placement) }
            + [(Box.rates, RatesPane.placement)]
        var rects: [Box: Rect] = [:]
        for (column, rect) in [(Placement.Column.left, left), (.right, right)] {
            let stacked = boxes.filter { $0.1.column == column }.sorted { $0.1.order < $1.1.order }
            for (box, boxRect) in zip(stacked.map(\.0), Self.stack(stacked.map(\.1), in: rect, bodyRows: body.height)) {
                rects[box] = boxRect
            }
        }
        panes = Dictionary(uniqueKeysWithValues: rects.compactMap { box, rect in
            if case .pane(let pane) = box { (pane, rect) } else { nil }
        })
        rates = rects[.rates]
    }

    /// A box of the normal layout: a pane, or the rates box that belongs to none.
    private enum Box: Hashable {
        case pane(Pane)
        case rates
    }

    /// The rectangles of boxes stacked top to bottom in `column`: those with a height take it in
    /// turn while rows remain, and the one without takes the rest.
    private static func stack(_ placements: [Placement], in column: Rect, bodyRows: Int) -> [Rect] {
        var remaining = column.height
        var heights = placements.map { placement -> Int? in
            guard let wanted = placement.height(bodyRows) else { return nil }
            let height = min(max(0, wanted), remaining)
            remaining -= height
            return height
        }
        if let rest = heights.firstIndex(of: nil) { heights[rest] = remaining }
        var row = column.row
        return heights.map { height in
            defer { row += height ?? 0 }
            return Rect(row: row, column: column.column, height: height ?? 0, width: column.width)
        }
    }

    /// The row counts the model needs so that its snapshots fill these rectangles. Lists get at
    /// least one row even when hidden, so that a selection always has a row to sit on (the model
    /// at 87272bc traps opening a stream detail with zero stream rows).
    public var modelLayout: DashboardLayout {
        DashboardLayout(
            paneRows: Dictionary(uniqueKeysWithValues: Pane.allCases.map { pane in (pane, max(1, panes[pane].map { $0.height - 2 } ?? 0)) }),
            detailRows: max(0, overlay.height - 2), methodRows: rates.map { max(0, $0.height - 2) } ?? 0)
    }
}
