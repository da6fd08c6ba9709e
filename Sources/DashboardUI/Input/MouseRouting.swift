import DashboardModel

/// What a mouse event does on the screen laid out by `ScreenLayout`: a click focuses the pane
/// under it and selects the row clicked, a double click also opens its detail, the wheel scrolls
/// the pane under it (or the open detail). A pure function, tested without a terminal.
public enum MouseRouting {
    /// Rows a wheel turn scrolls.
    public static let wheelRows = 3

    /// The commands for `event` on `layout`, with the detail open or the help shown or not.
    public static func commands(for event: MouseEvent, layout: ScreenLayout, isDetailOpen: Bool, isHelpShown: Bool) -> [KeyCommand] {
        if isHelpShown { return event.kind == .click || event.kind == .doubleClick ? [.closeHelp] : [] }
        let wheel = event.kind == .wheelUp ? -wheelRows : wheelRows
        if isDetailOpen {
            switch event.kind {
            case .wheelUp, .wheelDown: return [.action(.scroll(wheel))]
            case .click, .doubleClick: return layout.overlay.contains(event.position) ? [] : [.action(.closeDetail)]
            }
        }
        guard let (pane, rect) = layout.panes.first(where: { $0.value.contains(event.position) }) else { return [] }
        let focus = KeyCommand.action(.focus(pane))
        switch event.kind {
        case .wheelUp, .wheelDown:
            return [focus, .action(.scroll(wheel))]
        case .click, .doubleClick:
            // Inside the border: the list's rows start on the rectangle's second row.
            let row = event.position.row - rect.row - 1
            guard pane != .form, pane != .connection, row >= 0, row < rect.height - 2 else { return [focus] }
            let select = [focus, .action(.selectVisibleRow(row))]
            return event.kind == .doubleClick ? select + [.action(.openDetail)] : select
        }
    }
}
