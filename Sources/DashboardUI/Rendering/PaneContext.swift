import DashboardModel

/// What every pane draws with: the canvas, the snapshot and the formats.
public struct PaneContext {
    public let canvas: Canvas
    public let snapshot: DashboardSnapshot
    public let format: Format

    public init(canvas: Canvas, snapshot: DashboardSnapshot, format: Format) {
        self.canvas = canvas
        self.snapshot = snapshot
        self.format = format
    }

    /// Whether `pane` has focus.
    public func isFocused(_ pane: Pane) -> Bool { snapshot.focus == pane }
}
