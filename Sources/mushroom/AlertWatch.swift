import DashboardModel
import Foundation
import MushroomCommandLine
import MushroomRPC

/// `watch --alerts`: feeds a client's events to a dashboard model holding the alert rules,
/// evaluates them five times a second, and prints each alert that fires or clears as one JSON
/// line (`line(for:)`), until `limit` lines (forever without one).
enum AlertWatch {
    /// How often the rules are evaluated.
    static let interval = Duration.milliseconds(200)

    static func run(events: EventSubscription, rules: [AlertRule], limit: Int?, console: Console) async {
        var configuration = DashboardConfiguration()
        configuration.alertRules = rules
        var model = DashboardModel(configuration: configuration)
        var left = limit ?? Int.max
        while left > 0, !Task.isCancelled {
            model.ingest(events.drain())
            let transitions = model.evaluateAlerts(at: Date()).prefix(left)
            left -= transitions.count
            if !transitions.isEmpty { console.printUTF8(Array(transitions.map(line(for:)).joined().utf8)) }
            guard left > 0 else { return }
            try? await Task.sleep(for: interval)
        }
    }

    /// `{"alert":"fired","rule":RULE,"detail":DETAIL,"time":TIME}` or
    /// `{"alert":"cleared","rule":RULE,"time":TIME}` and a newline: RULE in its canonical
    /// spelling, TIME in ISO 8601 UTC with milliseconds.
    static func line(for transition: AlertTransition) -> String {
        var line = #"{"alert":"# + JSONValue.string(transition.state.rawValue).compactString
        line += #","rule":"# + JSONValue.string(transition.rule.description).compactString
        if let detail = transition.detail { line += #","detail":"# + JSONValue.string(detail).compactString }
        let time = transition.time.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        return line + #","time":"# + JSONValue.string(time).compactString + "}\n"
    }
}
