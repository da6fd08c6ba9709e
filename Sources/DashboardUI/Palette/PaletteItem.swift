/// What the command palette offers: an action, a named filter or a configured server.
public struct PaletteItem: Sendable, Hashable {
    /// What choosing it does.
    public enum Choice: Sendable, Hashable {
        case command(KeyCommand)
        /// Apply this filter text.
        case filter(String)
        /// A configured server, by name.
        case server(String)
    }

    /// What is matched and shown first ("pause", "filter orders", "server prod").
    public let label: String
    /// What it does or holds, shown after the label.
    public let detail: String
    public let choice: Choice

    public init(label: String, detail: String, choice: Choice) {
        self.label = label
        self.detail = detail
        self.choice = choice
    }

    /// Every named action, with its key (as rebound by `keys`) in the detail.
    public static func actions(keys: KeyRemap = KeyRemap()) -> [PaletteItem] {
        NamedAction.all.map { action in
            let key = keys.key(of: action).map { "  (\(KeyName.name(of: $0)))" } ?? ""
            return PaletteItem(label: action.name, detail: action.title + key, choice: .command(action.command))
        }
    }

    /// On a dashboard on several servers, one item that shows each alone and one that merges them all.
    public static func views(ofServers names: [String]) -> [PaletteItem] {
        guard names.count > 1 else { return [] }
        return names.enumerated().map { index, name in
            PaletteItem(label: "show \(name)", detail: "only \(name)'s rows; the form sends to it", choice: .command(.action(.showServer(index))))
        } + [PaletteItem(label: "show all", detail: "every server's rows merged", choice: .command(.action(.showServer(nil))))]
    }

    /// The items of a config file: its actions (with its key rebinding), filters and servers.
    public static func items(of config: ConfigFile) -> [PaletteItem] {
        actions(keys: config.keys)
            + config.filters.map { PaletteItem(label: "filter \($0.name)", detail: $0.text, choice: .filter($0.text)) }
            + config.servers.map { PaletteItem(label: "server \($0.name)", detail: $0.url, choice: .server($0.name)) }
    }
}
