import DashboardModel

/// Errors grouped by kind and method, most recent first, with their count and latest detail.
public enum ErrorsPane: PaneView {
    public static let pane = Pane.errors
    public static let placement = Placement.rest(of: .right, order: 2)

    /// Draws the pane in `rect`, border included.
    @discardableResult
    public static func draw(_ context: PaneContext, in rect: Rect) -> Position? {
        let errors = context.snapshot.errors
        let servers = ServerColumn(context.snapshot.servers)
        let inner = Box(title: servers.title("errors"), status: "\(errors.total)", focused: context.isFocused(.errors)).draw(on: context.canvas, in: rect)
        if errors.rows.isEmpty {
            context.canvas.truncated("no errors", in: inner, row: 0, width: inner.width, role: .label)
            return nil
        }
        ListView(rows: errors.rows, selected: errors.selectedRow, focused: context.isFocused(.errors)).draw(on: context.canvas, in: inner) {
            group, line, highlighted in
            let canvas = context.canvas
            // An alert on the group's kind marks its count.
            let alerted = context.snapshot.hasAlert(onErrors: group.kind)
            let count = DisplayWidth.pad("\(alerted ? "!" : canvas.glyphs.times)\(group.count)", to: 5)
            var offset = canvas.text(count, in: line, row: 0, role: highlighted ? .selection : alerted ? .badge : .label)
            offset += servers.draw(group.server, on: canvas, in: line, offset: offset, role: highlighted ? .selection : .label)
            let name = [group.kind.rawValue, group.method].compactMap { $0 }.joined(separator: " ")
            offset += canvas.text(name + " ", in: line, row: 0, offset: offset, role: highlighted ? .selection : .error)
            canvas.truncated(group.latestDetail, in: line, row: 0, offset: offset, width: line.width, role: highlighted ? .selection : .text)
        }
        return nil
    }
}
