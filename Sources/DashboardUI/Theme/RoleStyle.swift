/// One role's look in a theme, for every colour profile.
public struct RoleStyle: Sendable, Hashable {
    /// 256-colour foreground and background (`nil`: the terminal's default).
    public var color: Int?
    public var background: Int?
    /// 8-colour fallbacks (0 black, 1 red, 2 green, 3 yellow, 4 blue, 5 magenta, 6 cyan, 7 white).
    public var basic: Int?
    public var basicBackground: Int?
    /// Attributes used with colour.
    public var attributes: TextAttributes
    /// Attributes used without colour.
    public var mono: TextAttributes

    /// A style; anything left out is the terminal's default.
    public init(
        color: Int? = nil, background: Int? = nil, basic: Int? = nil, basicBackground: Int? = nil,
        attributes: TextAttributes = [], mono: TextAttributes = []
    ) {
        self.color = color
        self.background = background
        self.basic = basic
        self.basicBackground = basicBackground
        self.attributes = attributes
        self.mono = mono
    }

    /// The cell style under `profile`.
    public func resolved(for profile: ColorProfile) -> TextStyle {
        switch profile {
        case .ansi256: TextStyle(foreground: color, background: background, attributes: attributes)
        case .ansi8: TextStyle(foreground: basic, background: basicBackground, attributes: attributes)
        case .none: TextStyle(attributes: mono)
        }
    }
}
