import CNcurses

/// The curses screen as a `Surface`. Not thread-safe, like curses itself: use it only on the
/// thread that opened the terminal.
final class CursesSurface: Surface {
    private let profile: ColorProfile
    private let asciiOnly: Bool
    private var pairs: [PairKey: Int16] = [:]
    private var cursor: Position?

    private struct PairKey: Hashable {
        let foreground: Int
        let background: Int
    }

    init(profile: ColorProfile, asciiOnly: Bool) {
        self.profile = profile
        self.asciiOnly = asciiOnly
    }

    var size: Size { Size(rows: Int(shim_getmaxy()), columns: Int(shim_getmaxx())) }

    @discardableResult
    func put(_ text: String, row: Int, column: Int, width: Int, style: TextStyle) -> Int {
        let size = size
        guard row >= 0, row < size.rows, column >= 0, column < size.columns else { return 0 }
        let (attributes, pair) = curses(style)
        var at = column
        var buffer: [wchar_t] = [0, 0]
        for (scalar, taken) in DisplayWidth.clip(text, to: min(width, size.columns - column)) {
            buffer[0] = wchar_t(bitPattern: asciiOnly && !scalar.isASCII ? UInt32(("?" as Unicode.Scalar).value) : scalar.value)
            _ = shim_put_wide(Int32(row), Int32(at), buffer, attributes, pair)
            at += taken
        }
        return at - column
    }

    func fill(_ rect: Rect, with character: Character, style: TextStyle) {
        let size = size
        let area = rect.intersection(Rect(row: 0, column: 0, height: size.rows, width: size.columns))
        guard !area.isEmpty else { return }
        let line = String(repeating: character, count: area.width)
        for row in area.row..<area.bottom { put(line, row: row, column: area.column, width: area.width, style: style) }
    }

    func setCursor(_ position: Position?) {
        cursor = position
    }

    /// Clears the screen buffer for a new frame.
    func beginFrame() {
        erase()
    }

    /// Sends the frame to the terminal in one update, with the cursor where the frame put it.
    func endFrame() {
        if let cursor {
            curs_set(1)
            move(Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        wnoutrefresh(shim_stdscr())
        doupdate()
    }

    private func curses(_ style: TextStyle) -> (attr_t, Int16) {
        var attributes = shim_a_normal()
        if style.attributes.contains(.bold) { attributes |= shim_a_bold() }
        if style.attributes.contains(.reverse) { attributes |= shim_a_reverse() }
        if style.attributes.contains(.underline) { attributes |= shim_a_underline() }
        if style.attributes.contains(.dim) { attributes |= shim_a_dim() }
        guard profile != .none, style.foreground != nil || style.background != nil else { return (attributes, 0) }
        let key = PairKey(foreground: style.foreground ?? -1, background: style.background ?? -1)
        if let pair = pairs[key] { return (attributes, pair) }
        let pair = Int16(pairs.count + 1)
        guard Int32(pair) < shim_color_pairs(), init_pair(pair, Int16(key.foreground), Int16(key.background)) != shim_err() else {
            return (attributes, 0)
        }
        pairs[key] = pair
        return (attributes, pair)
    }
}
