import DashboardModel

/// Draws a whole frame of the dashboard (a pure function of the snapshot and the view state) on a surface.
public struct DashboardRenderer: Sendable {
    /// The theme resolved for the terminal, the glyphs and formats.
    public var palette: Palette
    public var glyphs: Glyphs
    public var format: Format
    /// The config file's key rebinding, which the help, the header and the footer show.
    public var keys: KeyRemap

    /// A renderer with these looks.
    public init(palette: Palette, glyphs: Glyphs = .unicode, format: Format = Format(), keys: KeyRemap = KeyRemap()) {
        self.palette = palette
        self.glyphs = glyphs
        self.format = format
        self.keys = keys
    }

    /// Draws `snapshot` laid out by `layout` (made for `surface.size`) on a blank surface, with
    /// the help overlay when `view.showsHelp`; places or hides the cursor.
    public func render(_ snapshot: DashboardSnapshot, view: ViewState, layout: ScreenLayout, on surface: any Surface) {
        let canvas = Canvas(surface: surface, palette: palette, glyphs: glyphs)
        let context = PaneContext(canvas: canvas, snapshot: snapshot, format: format, keys: keys)
        HeaderBar.draw(context, in: layout.header)
        var cursor: Position?
        for (pane, rect) in layout.panes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            if let position = PaneViews.view(for: pane)?.draw(context, in: rect) { cursor = position }
        }
        if let rates = layout.rates { RatesPane.draw(context, in: rates) }
        if let filterCursor = FooterBar.draw(context, notice: view.notice, noticeIsError: view.noticeIsError, playback: view.playback, in: layout.footer) {
            cursor = filterCursor
        }
        if let detail = snapshot.detail {
            DetailOverlay.draw(detail, canvas: canvas, in: layout.overlay)
            cursor = nil
        }
        if view.showsHelp {
            HelpOverlay.draw(canvas: canvas, in: layout.overlay, keys: keys)
            cursor = nil
        }
        if let palette = view.palette { cursor = PaletteOverlay.draw(palette, canvas: canvas, in: layout.overlay) }
        surface.setCursor(cursor)
    }

    /// Lays out and draws a frame in one call (tests and captures).
    public func render(_ snapshot: DashboardSnapshot, view: ViewState = ViewState(), on surface: any Surface) {
        let layout = ScreenLayout(size: surface.size, focus: snapshot.focus, maximized: snapshot.maximized, shown: snapshot.panes)
        render(snapshot, view: view, layout: layout, on: surface)
    }
}

/// View state that belongs to the UI rather than the model.
public struct ViewState: Sendable, Hashable {
    /// Whether the help overlay is shown.
    public var showsHelp: Bool
    /// A one-line message for the footer (e.g. a terminal fallback warning, what was copied).
    public var notice: String?
    /// Whether the notice reports a problem (drawn as an error) rather than something done.
    public var noticeIsError: Bool
    /// The command palette, while it is open.
    public var palette: CommandPalette?
    /// The progress line of a recording played (`PlaybackControl.progress`), for the footer.
    public var playback: String?

    /// View state; by default no help, no notice, no palette and no playback.
    public init(
        showsHelp: Bool = false, notice: String? = nil, noticeIsError: Bool = true, palette: CommandPalette? = nil, playback: String? = nil
    ) {
        self.showsHelp = showsHelp
        self.notice = notice
        self.noticeIsError = noticeIsError
        self.palette = palette
        self.playback = playback
    }
}
