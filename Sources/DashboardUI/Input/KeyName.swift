/// Key names as the config file writes them: one printable character, `space`, or `ctrl-` and a
/// letter (ctrl-c always quits, so it is not one).
enum KeyName {
    /// The key `name` names, or nil.
    static func key(_ name: String) -> Key? {
        if name == "space" { return .character(" ") }
        if name.hasPrefix("ctrl-"), name.count == 6, let letter = name.last, letter.isASCII, letter.isLowercase, letter != "c" {
            return .control(letter)
        }
        guard name.count == 1, let character = name.first, !character.isWhitespace, character.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control }) else {
            return nil
        }
        return .character(character)
    }

    /// How a key is written (in help lines and messages).
    static func name(of key: Key) -> String {
        switch key {
        case .character(" "): "space"
        case .character(let character): String(character)
        case .control(let letter): "ctrl-\(letter)"
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .home: "home"
        case .end: "end"
        case .pageUp: "pgup"
        case .pageDown: "pgdn"
        case .enter: "enter"
        case .tab: "tab"
        case .backTab: "shift-tab"
        case .escape: "esc"
        case .backspace: "backspace"
        case .delete: "delete"
        case .resize: "resize"
        case .mouse: "mouse"
        }
    }
}
