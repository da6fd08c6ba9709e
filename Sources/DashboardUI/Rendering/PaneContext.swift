import DashboardModel

/// What every pane draws with: the canvas, the snapshot, the formats, and the key rebinding
/// that the key labels follow.
public struct PaneContext {
    /// Where to draw, what to draw and how to format it.
    public let canvas: Canvas
    public let snapshot: DashboardSnapshot
    public let format: Format
    public let keys: KeyRemap

    /// A context for one frame.
    public init(canvas: Canvas, snapshot: DashboardSnapshot, format: Format, keys: KeyRemap = KeyRemap()) {
        self.canvas = canvas
        self.snapshot = snapshot
        self.format = format
        self.keys = keys
    }

    /// Whether `pane` has focus.
    public func isFocused(_ pane: Pane) -> Bool { snapshot.focus == pane }
}
