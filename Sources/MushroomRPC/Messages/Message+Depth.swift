/// The one nesting rule for outbound data: a peer's parser refuses any frame nested deeper than
/// `JSONValue.maximumNestingDepth`, and a message's own list is one level of it, so its data may
/// be at most `maximumDataDepth` deep. Data deeper than that is refused before it is sent, so a
/// sender never believes delivered what the peer could only drop as malformed.
extension Message {
    /// The deepest data a message may carry.
    public static let maximumDataDepth = JSONValue.maximumNestingDepth - 1

    /// Throws when `data` is nested deeper than `maximumDataDepth`.
    public static func checkDepth(of data: JSONValue) throws(DataTooDeep) {
        if data.isNested(deeperThan: maximumDataDepth) { throw DataTooDeep(limit: maximumDataDepth) }
    }
}

extension JSONValue {
    /// Whether arrays and objects nest deeper than `limit` levels (a scalar is 0 deep, `[]` 1);
    /// looks no deeper than `limit + 1`.
    public func isNested(deeperThan limit: Int) -> Bool {
        switch self {
        case .array(let items):
            limit < 1 || items.contains { $0.isNested(deeperThan: limit - 1) }
        case .object(let fields):
            limit < 1 || fields.values.contains { $0.isNested(deeperThan: limit - 1) }
        case .null, .bool, .integer, .double, .string:
            false
        }
    }
}

/// Data nested deeper than a message may carry (`Message.maximumDataDepth`).
public struct DataTooDeep: RPCError, Hashable {
    /// The deepest data a message may carry.
    public let limit: Int
    public init(limit: Int) { self.limit = limit }
    public var replyData: JSONValue { .string(description) }
    public var description: String {
        "the data is nested deeper than \(limit) levels, more than a message may carry"
    }
}
