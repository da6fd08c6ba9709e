/// Display width of text in terminal cells, the way wcwidth(3) measures it, but independent of the
/// process locale so that tests and the terminal agree: combining marks and zero-width characters
/// take 0 cells, East Asian wide and fullwidth characters and emoji 2, control characters are not
/// printable.
public enum DisplayWidth {
    /// Cells taken by a scalar: 0, 1 or 2; `nil` for a control character.
    public static func of(_ scalar: Unicode.Scalar) -> Int? {
        let value = scalar.value
        if value < 0x10000 {
            let width = basicPlane[Int(value)]
            return width < 0 ? nil : Int(width)
        }
        return measure(scalar)
    }

    /// The width of every scalar of the Basic Multilingual Plane (-1: control), computed once:
    /// Unicode property lookups dominate a frame's cost otherwise.
    private static let basicPlane: [Int8] = (0..<0x10000).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return 1 }  // surrogates never reach a String
        return Int8(measure(scalar) ?? -1)
    }

    private static func measure(_ scalar: Unicode.Scalar) -> Int? {
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return nil }
        if value < 0x300 { return 1 }
        if value == 0x200B || (0x200C...0x200F).contains(value) || (0x2028...0x202E).contains(value)
            || (0x2060...0x2064).contains(value) || value == 0xFEFF { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(value) { return 0 }
        return isWide(value) || scalar.properties.isEmojiPresentation ? 2 : 1
    }

    /// Cells taken by a character as the dashboard draws it (its first scalar; see `printable`).
    public static func of(_ character: Character) -> Int {
        cells(printable(character))
    }

    /// Cells taken by a string as the dashboard draws it.
    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// The single scalar drawn for a character: its first scalar, or U+FFFD for a control character.
    /// Multi-scalar clusters (flags, family emoji) are truncated by curses anyway; drawing the first
    /// scalar keeps every row's layout exact.
    public static func printable(_ character: Character) -> Unicode.Scalar {
        guard let first = character.unicodeScalars.first, of(first) != nil else { return "\u{FFFD}" }
        return first
    }

    private static func cells(_ scalar: Unicode.Scalar) -> Int {
        of(scalar) ?? 1
    }

    private static func isWide(_ value: UInt32) -> Bool {
        (0x1100...0x115F).contains(value) || (0x2E80...0x303E).contains(value) || (0x3041...0x33FF).contains(value)
            || (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value) || (0xA000...0xA4CF).contains(value)
            || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value)
            || (0xFF00...0xFF60).contains(value) || (0xFFE0...0xFFE6).contains(value)
            || (0x1F300...0x1F64F).contains(value) || (0x1F900...0x1F9FF).contains(value)
            || (0x20000...0x2FFFD).contains(value) || (0x30000...0x3FFFD).contains(value)
    }

    /// The prefix of `text` that fits in `width` cells, as (scalar, cells) pairs ready to draw.
    public static func clip(_ text: String, to width: Int) -> [(scalar: Unicode.Scalar, cells: Int)] {
        var result: [(scalar: Unicode.Scalar, cells: Int)] = []
        var used = 0
        for character in text {
            let scalar = printable(character)
            let taken = cells(scalar)
            if used + taken > width { break }
            if taken == 0 { continue }
            result.append((scalar, taken))
            used += taken
        }
        return result
    }

    /// `text` clipped to `width` cells, ending with `ellipsis` when something was cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: Character = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let kept = clip(text, to: width - 1)
        return String(String.UnicodeScalarView(kept.map(\.scalar))) + String(ellipsis)
    }

    /// `text` clipped and padded with spaces to exactly `width` cells.
    public static func pad(_ text: String, to width: Int, ellipsis: Character = "…") -> String {
        let clipped = truncate(text, to: width, ellipsis: ellipsis)
        return clipped + String(repeating: " ", count: max(0, width - of(clipped)))
    }
}
