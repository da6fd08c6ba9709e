import DashboardModel

/// What every pane draws with: the canvas, the snapshot and the formats.
public struct PaneContext {
    /// Where to draw, what to draw and how to format it.
    public let canvas: Canvas
    public let snapshot: DashboardSnapshot
    public let format: Format

    /// A context for one frame.
    public init(canvas: Canvas, snapshot: DashboardSnapshot, format: Format) {
        self.canvas = canvas
        self.snapshot = snapshot
        self.format = format
    }

    /// Whether `pane` has focus.
    public func isFocused(_ pane: Pane) -> Bool { snapshot.focus == pane }
}
