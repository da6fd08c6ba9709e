import MushroomRPC

/// What a client asks for in its bootstrap to receive positioned notifications (each with its
/// `StreamPosition`): `"subscribe": {"patterns": [...], "since": {"epoch": E, "offset": N}}`.
/// With `since`, the new session first receives, exactly once and in order, every publication
/// after that position that it would have received (recovery); without it, it starts at the
/// node's current position. An empty pattern list keeps the session's default of receiving
/// every publication.
public struct PositionedSubscription: Sendable, Hashable {
    /// Why a `subscribe` field was refused; the description is the `400` answer's body.
    public struct Invalid: Error, Hashable, CustomStringConvertible {
        public let description: String
    }

    public var patterns: [TopicPattern]
    public var since: StreamPosition?

    public init(patterns: [TopicPattern], since: StreamPosition?) {
        self.patterns = patterns
        self.since = since
    }

    /// Parses the bootstrap's `subscribe` value.
    public init(json: JSONValue) throws(Invalid) {
        let shape = #"{"patterns": ["orders.*"], "since": {"epoch": "...", "offset": 12}}"#
        guard case .object(let fields) = json else {
            throw Invalid(description: "\"subscribe\" must be an object like \(shape), got \(json.kindWithArticle)")
        }
        if let unknown = fields.keys.first(where: { $0 != "patterns" && $0 != "since" }) {
            throw Invalid(description: "\"subscribe\" takes \"patterns\" and \"since\", not \"\(unknown)\"")
        }
        var patterns: [TopicPattern] = []
        switch fields["patterns"] {
        case nil, .null?:
            break
        case .array(let items)?:
            for item in items {
                guard let text = item.stringValue else {
                    throw Invalid(description: "\"subscribe\" patterns must be strings, got \(item.kindWithArticle)")
                }
                do {
                    patterns.append(try TopicPattern(text))
                } catch {
                    throw Invalid(description: error.description)
                }
            }
        case let other?:
            throw Invalid(description: "\"subscribe\" patterns must be a list of topic patterns, got \(other.kindWithArticle)")
        }
        switch fields["since"] {
        case nil, .null?:
            since = nil
        case let value?:
            guard let position = StreamPosition(json: value) else {
                throw Invalid(description: #""since" must be null or {"epoch": STRING, "offset": INTEGER} with an offset of 0 or more"#)
            }
            since = position
        }
        self.patterns = patterns
    }
}

/// What came of a positioned subscription, in the bootstrap's answer as `"subscription":
/// {"patterns": [...], "position": {...}, "recovered": BOOL, "reason": "..."}`.
public struct RecoveryOutcome: Sendable, Hashable {
    /// The node's position when the session joined the stream: what the session receives from
    /// now on follows it.
    public var position: StreamPosition?
    /// Whether everything after `since` reached the session; `false` with a reason when part of
    /// it could not (another epoch, retention, the log unreachable). `true` when there was no `since`.
    public var recovered: Bool
    public var reason: String?

    public init(position: StreamPosition?, recovered: Bool, reason: String? = nil) {
        self.position = position
        self.recovered = recovered
        self.reason = reason
    }

    func json(patterns: [TopicPattern]) -> JSONValue {
        var fields: [String: JSONValue] = [
            "patterns": .array(patterns.map { .string($0.description) }),
            "position": position?.json ?? .null,
            "recovered": .bool(recovered),
        ]
        if let reason { fields["reason"] = .string(reason) }
        return .object(fields)
    }
}
