import DashboardModel

/// An action an operator can name: in the config file's `[keys]` (those with a key) and in the
/// command palette (all of them).
public struct NamedAction: Sendable, Hashable {
    /// The name the config file and the palette use, e.g. "pause".
    public let name: String
    /// What it does, in the palette.
    public let title: String
    /// The keys that do it by default (the first is the one shown); empty for palette-only actions.
    public let keys: [Key]
    /// What it does.
    public let command: KeyCommand
    /// The one pane whose focus its keys need, when another action has the same keys elsewhere
    /// (`e`: end-session in the sessions pane, export in the others).
    public var pane: Pane?

    /// Whether its keys do it with `focus` focused: with its pane, or everywhere when it has none
    /// and no action of that pane has them.
    func applies(to key: Key, in focus: Pane) -> Bool {
        guard keys.contains(key) else { return false }
        if let pane { return pane == focus }
        return !Self.all.contains { $0.pane == focus && $0.keys.contains(key) }
    }

    /// Every named action, in the palette's order when nothing is typed.
    public static let all: [NamedAction] = [
        NamedAction(name: "filter", title: "edit the stream filter", keys: [.character("/")], command: .action(.beginFilterEdit)),
        NamedAction(name: "clear-filter", title: "remove the stream filter", keys: [.character("x")], command: .action(.clearFilter)),
        NamedAction(name: "pause", title: "pause / resume the stream", keys: [.character("p"), .character(" ")], command: .action(.togglePause)),
        NamedAction(name: "form", title: "fill in the form", keys: [.character("f")], command: .action(.focus(.form))),
        NamedAction(name: "maximize", title: "maximise / restore the focused pane", keys: [.character("z")], command: .action(.toggleMaximize)),
        NamedAction(name: "clear", title: "clear the focused pane", keys: [.character("c")], command: .action(.clear)),
        NamedAction(name: "detail", title: "open the detail of the selection", keys: [], command: .action(.openDetail)),
        NamedAction(name: "next-pane", title: "focus the next pane", keys: [.character("l")], command: .action(.focusNext)),
        NamedAction(name: "previous-pane", title: "focus the previous pane", keys: [.character("h")], command: .action(.focusPrevious)),
        NamedAction(name: "down", title: "move the selection down", keys: [.character("j")], command: .action(.moveSelection(1))),
        NamedAction(name: "up", title: "move the selection up", keys: [.character("k")], command: .action(.moveSelection(-1))),
        NamedAction(name: "first", title: "select the first row", keys: [.character("g")], command: .action(.selectFirst)),
        NamedAction(name: "last", title: "select the last row (the stream follows)", keys: [.character("G")], command: .action(.selectLast)),
        NamedAction(name: "sort-sessions", title: "sessions: sort by rate / unacknowledged / age", keys: [.character("s")], command: .action(.cycleSessionOrder)),
        NamedAction(
            name: "end-session", title: "sessions: end the selected session", keys: [.character("e")], command: .action(.requestSessionEnd),
            pane: .sessions),
        NamedAction(name: "copy", title: "copy the message as compact JSON (OSC 52)", keys: [.character("y")], command: .action(.copy(pretty: false))),
        NamedAction(name: "copy-pretty", title: "copy the message as pretty JSON (OSC 52)", keys: [.character("Y")], command: .action(.copy(pretty: true))),
        NamedAction(name: "export", title: "export the focused pane's rows as NDJSON", keys: [.character("e")], command: .action(.export)),
        NamedAction(name: "mark", title: "mark the message to diff against", keys: [.character("m")], command: .action(.mark)),
        NamedAction(name: "diff", title: "diff the message with the marked one", keys: [.character("d")], command: .action(.diffWithMarked)),
        NamedAction(name: "edit-again", title: "detail: load the message into the form", keys: [.character("r")], command: .action(.editAgain)),
        NamedAction(name: "send-again", title: "detail: send the message again", keys: [.character("R")], command: .action(.sendAgain)),
        NamedAction(name: "latency", title: "latency by method (p50 p90 p99 max)", keys: [.character("L")], command: .action(.toggleLatencyView)),
        NamedAction(name: "server-view", title: "several servers: all merged / each alone", keys: [.character("v")], command: .action(.cycleServer)),
        NamedAction(name: "sort-rates", title: "rates: sort by rate / count / bytes", keys: [.character("o")], command: .action(.cycleRateOrder)),
        NamedAction(name: "palette", title: "open the command palette", keys: [.character(":")], command: .openPalette),
        NamedAction(name: "help", title: "show the keys", keys: [.character("?")], command: .toggleHelp),
        NamedAction(name: "quit", title: "quit", keys: [.character("q")], command: .quit),
    ] + Pane.allCases.filter { $0 != .form }.map { pane in
        NamedAction(name: "focus-\(pane.rawValue)", title: "focus the \(pane.rawValue) pane", keys: [], command: .action(.focus(pane)))
    }

    /// The action named `name`.
    public static func named(_ name: String) -> NamedAction? {
        all.first { $0.name == name }
    }
}
