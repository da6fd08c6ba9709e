import DashboardModel

/// The key reference shown with `?`.
public enum HelpOverlay {
    /// The keys and what they do, in display order: moving around, each pane's keys, the rest.
    public static func entries(glyphs: Glyphs) -> [(keys: String, action: String)] {
        navigation(glyphs: glyphs) + PaneViews.all.flatMap { $0.helpLines(glyphs: glyphs) } + [
            ("space  + -", "replay: pause / resume, faster / slower"),
            ("z", "maximise / restore the focused pane"),
            ("c", "clear the focused pane"),
            ("?", "this help"),
            ("q  ctrl-c", "quit"),
        ]
    }

    private static func navigation(glyphs: Glyphs) -> [(keys: String, action: String)] { [
        ("tab / shift-tab", "next / previous pane"),
        ("h l", "previous / next pane"),
        ("\(glyphs.upDown)  k j", "move the selection"),
        ("pgup pgdn", "scroll a page"),
        ("g G  home end", "first / last (G follows the stream)"),
        ("enter", "open the detail of the selection"),
        ("esc", "close the detail, help, filter or form"),
    ] }

    /// Draws the help centred in `area`, over whatever it holds.
    public static func draw(canvas: Canvas, in area: Rect) {
        let entries = entries(glyphs: canvas.glyphs)
        let width = min(area.width, 64)
        let height = min(area.height, entries.count + 2)
        let rect = Rect(row: area.row + (area.height - height) / 2, column: area.column + (area.width - width) / 2, height: height, width: width)
        canvas.clear(rect, role: .help)
        let inner = Box(title: "keys", status: "any key closes", focused: true).draw(on: canvas, in: rect)
        for (row, entry) in entries.prefix(inner.height).enumerated() {
            canvas.truncated(entry.keys, in: inner, row: row, offset: 1, width: 16, role: .key)
            canvas.truncated(entry.action, in: inner, row: row, offset: 18, width: inner.width, role: .help)
        }
    }
}
