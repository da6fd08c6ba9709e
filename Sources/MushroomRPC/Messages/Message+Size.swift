/// How many bytes a message takes on the wire, estimated without encoding it: what bounds the
/// bytes a session may leave unacknowledged. Exact for a broadcast encoded ahead, otherwise
/// within a few percent (string escapes are not counted, a fractional number counts 24).
extension Message {
    /// The estimated size of this message's frame, in bytes.
    public var estimatedSize: Int {
        let envelope = 24  // The brackets, the code, the ids and the commas, at most.
        switch self {
        case .heartbeat, .disconnect:
            return envelope
        case .notification(let notification):
            if let encoded = notification.encodedTail { return envelope + encoded.count }
            let position = notification.position.map { $0.json.estimatedSize + 1 } ?? 0
            return envelope + notification.method.utf8.count + 2 + notification.data.estimatedSize + position
        case .request(let request):
            return envelope + request.method.utf8.count + 2 + request.data.estimatedSize
        case .response(let response):
            return envelope + response.data.estimatedSize
        case .error(let error):
            return envelope + error.data.estimatedSize
        }
    }
}

extension JSONValue {
    /// The estimated size of this value encoded compactly, in bytes.
    public var estimatedSize: Int {
        switch self {
        case .null: 4
        case .bool(let value): value ? 4 : 5
        case .integer(let value): Self.digitCount(value)
        case .double: 24
        case .string(let text): text.utf8.count + 2
        case .array(let items): items.reduce(1 + items.count) { $0 + $1.estimatedSize }
        case .object(let fields):
            fields.reduce(1 + 2 * fields.count) { $0 + $1.key.utf8.count + 2 + $1.value.estimatedSize }
        }
    }

    private static func digitCount(_ value: Int64) -> Int {
        var count = value < 0 ? 2 : 1
        var rest = value.magnitude / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        return count
    }
}
