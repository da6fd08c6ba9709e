import DashboardModel

/// The key reference shown with `?`.
public enum HelpOverlay {
    /// The keys and what they do, in display order: moving around, each pane's keys, the rest;
    /// with the keys of `keys`' rebound actions (the form's keys are typed text, never rebound).
    public static func entries(glyphs: Glyphs, keys: KeyRemap = KeyRemap()) -> [(keys: String, action: String)] {
        func relabel(_ entry: (keys: String, action: String)) -> (keys: String, action: String) { (keys.label(entry.keys), entry.action) }
        let panes = PaneViews.all.flatMap { view in view.helpLines(glyphs: glyphs).map { view.pane == .form ? $0 : relabel($0) } }
        return navigation(glyphs: glyphs).map(relabel) + panes + (ToolkitKeys.helpLines + others).map(relabel)
    }

    private static let others: [(keys: String, action: String)] = [
        ("space  + -", "replay: pause / resume, faster / slower"),
        ("v", "several servers: all merged / each alone"),
        ("z", "maximise / restore the focused pane"),
        ("c", "clear the focused pane"),
        (":", "command palette: actions, filters, servers"),
        ("?", "this help"),
        ("q  ctrl-c", "quit"),
    ]

    private static func navigation(glyphs: Glyphs) -> [(keys: String, action: String)] { [
        ("tab / shift-tab", "next / previous pane"),
        ("h l", "previous / next pane"),
        ("\(glyphs.upDown)  k j", "move the selection"),
        ("pgup pgdn", "scroll a page"),
        ("g G  home end", "first / last (G follows the stream)"),
        ("enter", "open the detail of the selection"),
        ("esc", "close the detail, help, filter or form"),
    ] }

    /// Draws the help centred in `area`, over whatever it holds: in two columns when one is
    /// taller than the area.
    public static func draw(canvas: Canvas, in area: Rect, keys: KeyRemap = KeyRemap()) {
        let entries = entries(glyphs: canvas.glyphs, keys: keys)
        let columns = entries.count + 2 > area.height ? 2 : 1
        let perColumn = (entries.count + columns - 1) / columns
        let width = min(area.width, 64 * columns)
        let height = min(area.height, perColumn + 2)
        let rect = Rect(row: area.row + (area.height - height) / 2, column: area.column + (area.width - width) / 2, height: height, width: width)
        canvas.clear(rect, role: .help)
        let inner = Box(title: "keys", status: "any key closes", focused: true).draw(on: canvas, in: rect)
        let columnWidth = inner.width / columns
        let keysWidth = min(16, max(0, columnWidth - 20))
        for (index, entry) in entries.enumerated() {
            let (column, row) = (index / perColumn, index % perColumn)
            guard row < inner.height else { continue }
            let start = column * columnWidth
            canvas.truncated(entry.keys, in: inner, row: row, offset: start + 1, width: keysWidth, role: .key)
            canvas.truncated(entry.action, in: inner, row: row, offset: start + keysWidth + 2, width: columnWidth - keysWidth - 2, role: .help)
        }
    }
}
