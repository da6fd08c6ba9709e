import DashboardModel

/// The bottom row: the filter prompt while editing (validated as typed), else a notice or key
/// hints, after a recording's progress line while one plays.
public enum FooterBar {
    /// Draws the row; returns the cursor position while the filter is edited.
    @discardableResult
    public static func draw(_ context: PaneContext, notice: String?, noticeIsError: Bool = true, playback: String? = nil, in rect: Rect) -> Position? {
        guard !rect.isEmpty else { return nil }
        let canvas = context.canvas
        let filter = context.snapshot.stream.filter
        if let editing = filter.editing {
            let prompt = canvas.text("filter/ ", in: rect, row: 0, role: .key)
            let errorText = filter.error.map { "  \($0.description)" } ?? "  enter applies\(canvas.glyphs.separator)esc cancels"
            let errorWidth = min(DisplayWidth.of(errorText), max(0, rect.width - prompt - 16))
            let cursor = TextInput(text: editing.text, cursor: editing.cursor)
                .draw(on: canvas, in: rect, row: 0, offset: prompt, width: rect.width - prompt - errorWidth, role: filter.error == nil ? .formField : .formError)
            canvas.truncated(errorText, in: rect, row: 0, offset: rect.width - errorWidth, width: errorWidth, role: filter.error == nil ? .label : .formError)
            return cursor
        }
        if let notice {
            canvas.truncated(notice, in: rect, row: 0, width: rect.width, role: noticeIsError ? .error : .key)
            return nil
        }
        var offset = 0
        var hints = context.snapshot.detail != nil ? ToolkitKeys.detailHints(glyphs: canvas.glyphs)
            : PaneViews.view(for: context.snapshot.focus)?.footerHints(glyphs: canvas.glyphs) ?? commonHints(glyphs: canvas.glyphs)
        if context.snapshot.servers != nil, context.snapshot.detail == nil { hints.insert((key: "v", action: "server"), at: 0) }
        if let playback {
            offset += canvas.text(" \(playback) ", in: rect, row: 0, role: .badge) + 1
            hints = playbackHints + hints.filter { $0.key != "space" }
        }
        // The form's keys are typed text, never rebound.
        let relabels = context.snapshot.detail != nil || context.snapshot.focus != .form
        for (key, action) in hints where offset < rect.width {
            offset += canvas.text(relabels ? context.keys.label(key) : key, in: rect, row: 0, offset: offset, role: .key)
            offset += canvas.text(" \(action)  ", in: rect, row: 0, offset: offset, role: .label)
        }
        return nil
    }

    /// The hints of a recording's playback, first while one plays.
    private static let playbackHints = [(key: "space", action: "pause replay"), (key: "+ -", action: "speed")]

    /// The hints of a pane that has none of its own.
    private static func commonHints(glyphs: Glyphs) -> [(key: String, action: String)] {
        [("tab", "pane"), (glyphs.upDown, "select"), ("enter", "detail"), ("/", "filter"), ("space", "pause"), ("z", "zoom"), ("y", "copy"), ("f", "form"), ("?", "help"), ("q", "quit")]
    }
}
