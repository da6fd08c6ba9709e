/// A condition the dashboard watches for, written in a small readable syntax (`--alert`, or the
/// config file's `alerts` list); words are case-insensitive, numbers are plain decimals:
///
/// - `method M slower than R per second for S seconds`: notifications of method M arrive at
///   under R a second (over the last second) for S seconds in a row;
/// - `N errors of kind K within S seconds`: at least N errors of kind K (an `ErrorKind` name,
///   e.g. timeout, or `any`) in the last S seconds;
/// - `unacknowledged above N`: more than N messages sent and not yet acknowledged;
/// - `no heartbeat for S seconds`: nothing received from the server, not even a heartbeat, for
///   S seconds (a server acknowledges with heartbeats only what it is sent, so any message
///   counts as a sign of life).
///
/// Any of them may end with `on SERVER`: on a dashboard of several servers it then watches that
/// server alone (its rates, its errors, its connection); without it, a rule watches them all
/// (the rates and errors of all together, the connection of the worst).
public indirect enum AlertRule: Sendable, Hashable, CustomStringConvertible {
    case slowMethod(method: String, ratePerSecond: Double, seconds: Int)
    case errors(count: Int, kind: ErrorKind?, seconds: Int)
    case unacknowledged(above: Int)
    case noHeartbeat(seconds: Int)
    /// `rule` watching the server named `server` alone.
    case onServer(AlertRule, server: String)

    /// The server the rule watches alone, if it names one.
    public var server: String? {
        if case .onServer(_, let server) = self { server } else { nil }
    }

    /// The rule without its server.
    public var unscoped: AlertRule {
        if case .onServer(let rule, _) = self { rule } else { self }
    }

    /// The seconds a rule may span, at most a day.
    public static let secondsRange = 1...86_400
    /// The counts a rule may name.
    public static let countRange = 1...1_000_000_000
    /// The largest rate a rule may name, per second.
    public static let largestRate = 1_000_000_000.0

    /// The rule in its canonical spelling (how it is parsed, and how alerts name it).
    public var description: String {
        switch self {
        case .slowMethod(let method, let rate, let seconds):
            "method \(method) slower than \(Self.spell(rate)) per second for \(seconds) seconds"
        case .errors(let count, let kind, let seconds):
            "\(count) errors of kind \(kind?.rawValue ?? "any") within \(seconds) seconds"
        case .unacknowledged(let above): "unacknowledged above \(above)"
        case .noHeartbeat(let seconds): "no heartbeat for \(seconds) seconds"
        case .onServer(let rule, let server): "\(rule) on \(server)"
        }
    }

    private static func spell(_ rate: Double) -> String {
        rate == rate.rounded() && abs(rate) < 1e15 ? String(Int(rate)) : String(rate)
    }

    /// The forms a rule takes, for error messages.
    public static let forms = [
        "method M slower than R per second for S seconds", "N errors of kind K within S seconds", "unacknowledged above N",
        "no heartbeat for S seconds",
    ]

    /// Parses a rule; a malformed one throws the sentence that says what is wrong.
    public init(parsing text: String) throws(AlertRuleError) {
        var words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        func fail(_ problem: String) -> AlertRuleError { AlertRuleError(rule: text, problem: problem) }
        guard words.count > 2, words[words.count - 2].lowercased() == "on" else {
            self = try Self(words: words, fail: fail)
            return
        }
        let server = words.removeLast()
        words.removeLast()
        self = .onServer(try Self(words: words, fail: fail), server: server)
    }

    /// The rule of `words`, without a server.
    private init(words: [String], fail: (String) -> AlertRuleError) throws(AlertRuleError) {
        let lower = words.map { $0.lowercased() }
        func seconds(_ word: String) throws(AlertRuleError) -> Int {
            try Self.whole(word, named: "S (seconds)", in: Self.secondsRange, fail: fail)
        }
        func matches(_ pattern: [String?]) -> Bool {
            lower.count == pattern.count && zip(lower, pattern).allSatisfy { word, expected in expected.map { $0 == word } ?? true }
        }
        if matches(["method", nil, "slower", "than", nil, "per", "second", "for", nil, "seconds"]) {
            let rate = try Self.rate(words[4], fail: fail)
            self = .slowMethod(method: words[1], ratePerSecond: rate, seconds: try seconds(words[8]))
        } else if matches([nil, "errors", "of", "kind", nil, "within", nil, "seconds"]) {
            let count = try Self.whole(words[0], named: "N", in: Self.countRange, fail: fail)
            let kind: ErrorKind?
            if lower[4] == "any" {
                kind = nil
            } else if let named = ErrorKind.allCases.first(where: { $0.rawValue.lowercased() == lower[4] }) {
                kind = named
            } else {
                throw fail("K must be any or an error kind (\(ErrorKind.allCases.map(\.rawValue).joined(separator: ", "))), not \"\(words[4])\"")
            }
            self = .errors(count: count, kind: kind, seconds: try seconds(words[6]))
        } else if matches(["unacknowledged", "above", nil]) {
            self = .unacknowledged(above: try Self.whole(words[2], named: "N", in: 0...Self.countRange.upperBound, fail: fail))
        } else if matches(["no", "heartbeat", "for", nil, "seconds"]) {
            self = .noHeartbeat(seconds: try seconds(words[3]))
        } else {
            throw fail("it is none of: \(Self.forms.joined(separator: "; ")) (each may end with on SERVER)")
        }
    }

    private static func whole(
        _ word: String, named name: String, in range: ClosedRange<Int>, fail: (String) -> AlertRuleError
    ) throws(AlertRuleError) -> Int {
        guard word.allSatisfy(\.isASCII), let number = Int(word), range.contains(number) else {
            throw fail("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(word)\"")
        }
        return number
    }

    private static func rate(_ word: String, fail: (String) -> AlertRuleError) throws(AlertRuleError) -> Double {
        // Plain decimals only: Double would also read "nan", "inf" and hexadecimal.
        let plain = !word.isEmpty && word.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && word.filter { $0 == "." }.count <= 1
        guard plain, let rate = Double(word), rate > 0, rate <= largestRate else {
            throw fail("R must be a number above 0 and at most \(Int(largestRate)), not \"\(word)\"")
        }
        return rate
    }
}

/// Why an alert rule could not be read: the rule and what is wrong with it.
public struct AlertRuleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rule as written.
    public let rule: String
    /// What is wrong.
    public let problem: String

    public var description: String { "the alert rule \"\(rule)\" is malformed: \(problem)" }
}
