import DashboardModel

/// How a pane names servers on a dashboard on several: while every server's rows are merged,
/// each row begins with its server's name (padded to the longest, at most `maximumWidth`);
/// while one server is shown alone, the pane's title names it instead. On one server it adds
/// nothing.
struct ServerColumn {
    /// The widest server name a row shows whole.
    static let maximumWidth = 16

    private let servers: ServersSnapshot?
    /// The column's width, its trailing space left out; zero when rows carry no name.
    let width: Int

    init(_ servers: ServersSnapshot?) {
        self.servers = servers
        guard let servers, servers.shown == nil else {
            width = 0
            return
        }
        width = min(Self.maximumWidth, servers.names.map(DisplayWidth.of).max() ?? 0)
    }

    /// `title`, followed by the name of the server shown alone, if one is.
    func title(_ title: String) -> String {
        guard let servers, let shown = servers.shown else { return title }
        return "\(title) \(servers.name(of: shown))"
    }

    /// Draws the name of `server` at `offset` of `line`; returns the columns taken (the trailing
    /// space included), zero when rows carry no name.
    func draw(_ server: Int, on canvas: Canvas, in line: Rect, offset: Int, role: Role) -> Int {
        guard width > 0, let servers else { return 0 }
        return canvas.text(DisplayWidth.pad(servers.name(of: server), to: width, ellipsis: canvas.glyphs.ellipsis), in: line, row: 0, offset: offset, role: role) + 1
    }
}
