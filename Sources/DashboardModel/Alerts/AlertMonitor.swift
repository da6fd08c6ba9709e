import Foundation

/// Evaluates alert rules against what the model has seen: each evaluation, at a time the caller
/// gives (the model has no clock), says which alerts started or stopped firing. Error counts are
/// taken per second from the error log's running totals, so a window of S seconds keeps at most
/// S entries.
struct AlertMonitor: Sendable {
    /// What a rule needs to know, read from the model at one instant.
    struct Facts: Sendable {
        /// Each watched method's rate over the last second.
        var methodRates: [String: Double]
        /// Errors recorded so far, by kind (running totals).
        var errorTotals: [ErrorKind: Int]
        var unacknowledged: Int
        /// When the server was last heard from: a heartbeat or any other message.
        var lastReceived: Date?
        /// On several servers, the names of the one whose count is `unacknowledged` and of the
        /// one last heard from at `lastReceived`, for the alerts' details.
        var unacknowledgedServer: String? = nil
        var quietServer: String? = nil
        /// The facts of each server a rule names (`AlertRule.onServer`), by name.
        var servers: [String: Facts] = [:]
    }

    private struct RuleState: Sendable {
        var firing: FiringAlert?
        /// Since when the condition of a `slowMethod` rule holds.
        var holdsSince: Date?
        /// The error total at the last evaluation, and the errors that arrived since, by the second of
        /// the evaluation that found them.
        var errorsSeen = 0
        var errorsBySecond: [(second: Int, count: Int)] = []
    }

    let rules: [AlertRule]
    private var states: [RuleState]
    /// The first evaluation: "no heartbeat" counts from it until a message arrives.
    private var started: Date?

    init(rules: [AlertRule]) {
        self.rules = rules
        states = Array(repeating: RuleState(), count: rules.count)
    }

    /// The alerts firing, in rule order.
    var firing: [FiringAlert] { states.compactMap(\.firing) }

    /// The methods of the firing alerts.
    var firingMethods: Set<String> {
        Set(firing.compactMap { alert in if case .method(let method) = alert.subject { method } else { nil } })
    }

    /// The methods whose rates the rules watch.
    var watchedMethods: Set<String> {
        Set(rules.compactMap { rule in if case .slowMethod(let method, _, _) = rule.unscoped { method } else { nil } })
    }

    /// The servers the rules name.
    var watchedServers: Set<String> { Set(rules.compactMap(\.server)) }

    /// Updates every rule at `now` with `facts`; returns the alerts that fired or cleared.
    mutating func evaluate(_ facts: Facts, at now: Date) -> [AlertTransition] {
        if started == nil { started = now }
        var transitions: [AlertTransition] = []
        for index in rules.indices {
            let detail = condition(of: rules[index], index, facts, at: now)
            let wasFiring = states[index].firing != nil
            if let detail {
                states[index].firing = FiringAlert(
                    rule: rules[index], since: states[index].firing?.since ?? now, detail: detail, subject: subject(of: rules[index]))
                if !wasFiring { transitions.append(AlertTransition(rule: rules[index], state: .fired, time: now, detail: detail)) }
            } else if wasFiring {
                states[index].firing = nil
                transitions.append(AlertTransition(rule: rules[index], state: .cleared, time: now, detail: nil))
            }
        }
        return transitions
    }

    /// The detail of the condition of `rule`, the rule at `index`, when it holds at `now`, else nil.
    private mutating func condition(of rule: AlertRule, _ index: Int, _ facts: Facts, at now: Date) -> String? {
        switch rule {
        case .slowMethod(let method, let limit, let seconds):
            let rate = facts.methodRates[method] ?? 0
            guard rate < limit else {
                states[index].holdsSince = nil
                return nil
            }
            let since = states[index].holdsSince ?? now
            states[index].holdsSince = since
            guard now.timeIntervalSince(since) >= Double(seconds) else { return nil }
            return "\(method) at \(Self.format(rate))/s, under \(Self.format(limit))/s for \(seconds) s"
        case .errors(let count, let kind, let seconds):
            let total = kind.map { facts.errorTotals[$0] ?? 0 } ?? facts.errorTotals.values.reduce(0, +)
            let second = Int((now.timeIntervalSinceReferenceDate).rounded(.down))
            var state = states[index]
            let new = max(0, total - state.errorsSeen)
            state.errorsSeen = total
            if new > 0 {
                if let last = state.errorsBySecond.last, last.second == second {
                    state.errorsBySecond[state.errorsBySecond.count - 1].count += new
                } else {
                    state.errorsBySecond.append((second, new))
                }
            }
            state.errorsBySecond.removeAll { $0.second <= second - seconds }
            states[index] = state
            let recent = state.errorsBySecond.reduce(0) { $0 + $1.count }
            guard recent >= count else { return nil }
            return "\(recent) \(kind.map { "\($0.rawValue) " } ?? "")errors in the last \(seconds) s"
        case .unacknowledged(let above):
            guard facts.unacknowledged > above else { return nil }
            return "\(facts.unacknowledged) messages unacknowledged\(Self.on(facts.unacknowledgedServer)), above \(above)"
        case .noHeartbeat(let seconds):
            let last = facts.lastReceived ?? started ?? now
            let silent = now.timeIntervalSince(last)
            guard silent >= Double(seconds) else { return nil }
            return "no heartbeat\(Self.from(facts.quietServer)) for \(Int(silent.rounded(.down))) s"
        case .onServer(let rule, let server):
            // A server that is not on the dashboard has no facts: its rule never fires.
            guard let serverFacts = facts.servers[server], let detail = condition(of: rule, index, serverFacts, at: now) else { return nil }
            switch rule {
            case .unacknowledged, .noHeartbeat: return detail
            default: return detail + Self.on(server)
            }
        }
    }

    private func subject(of rule: AlertRule) -> AlertSubject? {
        switch rule.unscoped {
        case .slowMethod(let method, _, _): .method(method)
        case .errors(_, let kind, _): .errors(kind)
        default: nil
        }
    }

    private static func on(_ server: String?) -> String { server.map { " on \($0)" } ?? "" }
    private static func from(_ server: String?) -> String { server.map { " from \($0)" } ?? "" }

    private static func format(_ rate: Double) -> String {
        String(format: "%g", rate)
    }
}
