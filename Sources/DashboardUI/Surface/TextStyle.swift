/// How a cell looks once a theme is resolved for a colour profile: colours and attributes.
public struct TextStyle: Sendable, Hashable, CustomStringConvertible {
    /// A colour index (0-255), or `nil` for the terminal's default.
    public var foreground: Int?
    /// A colour index (0-255), or `nil` for the terminal's default.
    public var background: Int?
    /// Bold, reverse, underline, dim.
    public var attributes: TextAttributes

    /// A style; `nil` colours keep the terminal's own.
    public init(foreground: Int? = nil, background: Int? = nil, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's default look.
    public static let plain = TextStyle()

    public var description: String {
        var parts: [String] = []
        if let foreground { parts.append("fg \(foreground)") }
        if let background { parts.append("bg \(background)") }
        parts += TextAttributes.names.filter { attributes.contains($0.1) }.map(\.0)
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
    }
}

/// Cell attributes, the only styling a monochrome terminal has.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The attributes curses and terminals know.
    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let reverse = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let dim = TextAttributes(rawValue: 1 << 3)

    /// The names used in theme files.
    public static let names: [(String, TextAttributes)] = [
        ("bold", .bold), ("reverse", .reverse), ("underline", .underline), ("dim", .dim),
    ]
}
