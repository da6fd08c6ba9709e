/// How many colours the terminal shows, which decides the part of a theme that is used.
public enum ColorProfile: String, Sendable, Hashable, CaseIterable {
    /// 256 colours: the themes' `color`/`background` values.
    case ansi256
    /// 8 colours: the themes' `basic`/`basic-background` values.
    case ansi8
    /// No colour (vt100, `NO_COLOR`): the themes' `mono` attributes only.
    case none

    /// The profile for a terminal reporting `colors` colours (curses' COLORS, 0 without colour
    /// support); `NO_COLOR` in the environment (any value) turns colour off.
    public static func detect(colors: Int, environment: [String: String]) -> ColorProfile {
        if environment["NO_COLOR"] != nil { return .none }
        if colors >= 256 { return .ansi256 }
        if colors >= 8 { return .ansi8 }
        return .none
    }
}
