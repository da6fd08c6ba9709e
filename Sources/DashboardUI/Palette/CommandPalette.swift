/// The command palette that `:` opens: a query, the items that match it (fuzzy, best first) and
/// the one selected; enter chooses it, esc closes. A value, driven by keys.
public struct CommandPalette: Sendable, Hashable {
    /// What a key did.
    public enum Outcome: Sendable, Hashable {
        /// The palette stays open.
        case open
        /// Close it without choosing.
        case close
        /// Close it and do this.
        case choose(PaletteItem)
    }

    /// Every item offered.
    public let items: [PaletteItem]
    /// The text typed.
    public private(set) var query = ""
    /// The items matching the query, best first.
    public private(set) var matches: [PaletteItem]
    /// The index of the selected match.
    public private(set) var selected = 0

    /// A palette over `items`, with nothing typed.
    public init(items: [PaletteItem]) {
        self.items = items
        matches = items
    }

    /// Takes a key: text edits the query, up/down (ctrl-p/ctrl-n, tab) move the selection,
    /// enter chooses, esc closes.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .character(let character): setQuery(query + String(character))
        case .backspace: setQuery(String(query.dropLast()))
        case .control("u"): setQuery("")
        case .up, .control("p"), .backTab: move(-1)
        case .down, .control("n"), .tab: move(1)
        case .enter: return matches.indices.contains(selected) ? .choose(matches[selected]) : .close
        case .escape: return .close
        default: break
        }
        return .open
    }

    private mutating func setQuery(_ text: String) {
        query = text
        matches = FuzzyMatch.rank(items, by: text) { $0.label }
        selected = 0
    }

    private mutating func move(_ delta: Int) {
        guard !matches.isEmpty else { return }
        selected = ((selected + delta) % matches.count + matches.count) % matches.count
    }
}
