import DashboardModel

/// Where everything goes on a screen of a given size: the header and footer rows, each pane's
/// rectangle (absent when it does not fit), the per-method rates box, and the overlay area.
/// From 80x24 up every pane is shown; below 60x12, or with a pane maximised, one pane takes the body.
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

    /// The layout for `size`, with `maximized` taking the body if set; `focus` takes the body
    /// when the screen is too small for every pane.
    public init(size: Size, focus: Pane, maximized: Pane?) {
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
        let tall = body.height >= 30
        let (ratesBox, belowRates) = left.splitTop(min(max(body.height / 6, 4), 8))
        let (requests, stream) = belowRates.splitTop(body.height * 3 / 10)
        let (connection, belowConnection) = right.splitTop(tall ? 10 : 7)
        let (form, errors) = belowConnection.splitTop(tall ? 8 : 7)
        // The stream sits at the top of the left column, rates and requests below it.
        let streamRect = Rect(row: left.row, column: left.column, height: stream.height, width: left.width)
        rates = Rect(row: left.row + stream.height, column: left.column, height: ratesBox.height, width: left.width)
        panes = [
            .stream: streamRect,
            .requests: Rect(row: left.row + stream.height + ratesBox.height, column: left.column, height: requests.height, width: left.width),
            .connection: connection, .form: form, .errors: errors,
        ]
    }

    /// The row counts the model needs so that its snapshots fill these rectangles. Lists get at
    /// least one row even when hidden, so that a selection always has a row to sit on (the model
    /// at 87272bc traps opening a stream detail with zero stream rows).
    public var modelLayout: DashboardLayout {
        func inner(_ pane: Pane) -> Int { max(1, panes[pane].map { $0.height - 2 } ?? 0) }
        return DashboardLayout(
            streamRows: inner(.stream), requestRows: inner(.requests), errorRows: inner(.errors),
            detailRows: max(0, overlay.height - 2), methodRows: rates.map { max(0, $0.height - 2) } ?? 0)
    }
}
