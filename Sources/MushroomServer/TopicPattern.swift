/// A dotted topic pattern a session subscribes to.
///
/// Topics are dotted names (`orders.created`, `metrics.cpu`). In a pattern:
/// - a plain segment matches itself (`orders.created`);
/// - `*` matches exactly one segment (`orders.*` matches `orders.created`, not `orders.eu.created`);
/// - `#` or `**`, only as the last segment, matches zero or more segments (`alerts.#` matches
///   `alerts`, `alerts.disk` and `alerts.disk.full`; a lone `#` matches every topic).
///
/// Segments may not be empty, so `orders..created`, `.orders` and `orders.` are invalid, and a
/// pattern is at most `maximumLength` bytes long.
public struct TopicPattern: Sendable, Hashable, CustomStringConvertible {
    enum Segment: Sendable, Hashable {
        case literal(Substring)
        case one
        case rest
    }

    /// Why a pattern is invalid.
    public struct InvalidPattern: Error, Hashable, CustomStringConvertible {
        public let pattern: String
        public let reason: String
        public var description: String { "invalid topic pattern '\(pattern)': \(reason)" }
    }

    /// The pattern as written.
    public let description: String
    /// The segments, in order (`TopicIndex` files the pattern by them).
    let segments: [Segment]

    /// The longest pattern accepted, in UTF-8 bytes: with at most
    /// `MushroomServerConfiguration.maximumSubscriptions` patterns a session, the list that
    /// `subscribe` answers with stays well within the message size limit.
    public static let maximumLength = 256

    public init(_ pattern: String) throws(InvalidPattern) {
        guard pattern.utf8.count <= Self.maximumLength else {
            throw InvalidPattern(pattern: String(pattern.prefix(40)) + "...", reason: "a pattern is at most \(Self.maximumLength) bytes long")
        }
        let parts = pattern.split(separator: ".", omittingEmptySubsequences: false)
        var segments: [Segment] = []
        for (index, part) in parts.enumerated() {
            switch part {
            case "":
                throw InvalidPattern(pattern: pattern, reason: "segments between dots may not be empty")
            case "*":
                segments.append(.one)
            case "#", "**":
                guard index == parts.count - 1 else {
                    throw InvalidPattern(pattern: pattern, reason: "'\(part)' may only be the last segment")
                }
                segments.append(.rest)
            default:
                segments.append(.literal(part))
            }
        }
        self.description = pattern
        self.segments = segments
    }

    /// Whether `topic` matches this pattern.
    public func matches(_ topic: String) -> Bool {
        var topicParts = topic.split(separator: ".", omittingEmptySubsequences: false)[...]
        for segment in segments {
            switch segment {
            case .rest:
                return true
            case .one:
                guard topicParts.popFirst() != nil else { return false }
            case .literal(let text):
                guard topicParts.popFirst() == text else { return false }
            }
        }
        return topicParts.isEmpty
    }
}
