import DashboardModel

/// A pane's view: how it draws, where it sits, the keys it adds and their help lines, and its
/// footer hints. The renderer, the layout, the key map, the footer and the help iterate over
/// `PaneViews.all`, so a new pane is a new conforming type registered there.
public protocol PaneView: Sendable {
    /// The pane it shows.
    static var pane: Pane { get }
    /// Where it sits in the normal layout.
    static var placement: Placement { get }
    /// Draws the pane in `rect`, border included; returns where the cursor goes, if anywhere.
    static func draw(_ context: PaneContext, in rect: Rect) -> Position?
    /// What `key` does while the pane has focus, when that differs from the common key map;
    /// `nil` leaves the key to the common map.
    static func keys(_ key: Key, in context: KeyBindings.Context) -> [KeyCommand]?
    /// Keys that act on this pane whatever has focus (outside text entry), e.g. `f` for the form.
    static var shortcuts: [Key: OperatorAction] { get }
    /// The help lines of its keys.
    static func helpLines(glyphs: Glyphs) -> [(keys: String, action: String)]
    /// The footer's key hints while it has focus; `nil` shows the common ones.
    static func footerHints(glyphs: Glyphs) -> [(key: String, action: String)]?
}

extension PaneView {
    public static func keys(_ key: Key, in context: KeyBindings.Context) -> [KeyCommand]? { nil }
    public static var shortcuts: [Key: OperatorAction] { [:] }
    public static func helpLines(glyphs: Glyphs) -> [(keys: String, action: String)] { [] }
    public static func footerHints(glyphs: Glyphs) -> [(key: String, action: String)]? { nil }
}
