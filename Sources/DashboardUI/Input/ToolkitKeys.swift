import DashboardModel

/// The keys of the operator's toolkit (copy, export, mark and diff, send again, latency, the
/// rates' order), with their help lines: outside text entry, and in the detail view.
enum ToolkitKeys {
    /// With a pane focused (after the pane's own keys).
    static let navigation: [Key: OperatorAction] = [
        .character("y"): .copy(pretty: false), .character("Y"): .copy(pretty: true), .character("e"): .export,
        .character("m"): .mark, .character("d"): .diffWithMarked, .character("L"): .toggleLatencyView,
        .character("o"): .cycleRateOrder,
    ]

    /// In the detail view (or the latency view).
    static let detail: [Key: OperatorAction] = [
        .character("y"): .copy(pretty: false), .character("Y"): .copy(pretty: true), .character("m"): .mark,
        .character("d"): .diffWithMarked, .character("r"): .editAgain, .character("R"): .sendAgain,
        .character("L"): .toggleLatencyView,
    ]

    /// The help lines of these keys.
    static let helpLines: [(keys: String, action: String)] = [
        ("y Y", "copy the message as JSON / pretty (OSC 52)"),
        ("e", "export the focused pane's rows as NDJSON"),
        ("m  d", "mark a message / diff another with it"),
        ("r R", "detail: edit in the form / send again"),
        ("L", "latency by method (p50 p90 p99 max)"),
        ("o", "rates: sort by rate / count / bytes"),
    ]

    /// The footer's hints while a detail is open.
    static func detailHints(glyphs: Glyphs) -> [(key: String, action: String)] {
        [("esc", "close"), (glyphs.upDown, "scroll"), ("y Y", "copy"), ("m", "mark"), ("d", "diff"), ("r R", "edit/send again"), ("?", "help")]
    }
}
