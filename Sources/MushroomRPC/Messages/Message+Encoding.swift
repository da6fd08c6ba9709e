extension Message {
    /// The message as its wire array, `data` always written.
    public var array: [JSONValue] {
        switch self {
        case .heartbeat(let message):
            [.integer(Code.heartbeat.rawValue), message.lastMessageID.map { .integer(Int64($0)) } ?? .null]
        case .notification(let message):
            [.integer(Code.notification.rawValue), .integer(Int64(message.id)), .string(message.method), message.data]
                + (message.position.map { [$0.json] } ?? [])
        case .request(let message):
            [.integer(Code.request.rawValue), .integer(Int64(message.id)), .string(message.method), message.data]
        case .response(let message):
            [.integer(Code.response.rawValue), .integer(Int64(message.id)), .integer(Int64(message.requestID)), message.data]
        case .error(let message):
            [.integer(Code.error.rawValue), .integer(Int64(message.id)), .integer(Int64(message.requestID)), message.data]
        case .disconnect:
            [.integer(Code.disconnect.rawValue)]
        }
    }

    /// The message as one compact UTF-8 JSON frame.
    public var frame: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        appendFrame(to: &bytes)
        return bytes
    }

    /// Appends the message's compact frame (as `frame`) to `bytes`, so that many messages
    /// written together share one buffer.
    public func appendFrame(to bytes: inout [UInt8]) {
        var writer = JSONWriter(indent: nil, output: bytes)
        bytes = []
        if case .notification(let notification) = self {
            // The commonest message, written without building its array first.
            writer.append(UInt8(ascii: "["))
            writer.write(.integer(Code.notification.rawValue))
            writer.append(UInt8(ascii: ","))
            writer.write(.integer(Int64(notification.id)))
            writer.append(UInt8(ascii: ","))
            if let encoded = notification.encodedTail {
                writer.append(contentsOf: encoded)
            } else {
                writer.write(.string(notification.method))
                writer.append(UInt8(ascii: ","))
                writer.write(notification.data)
                if let position = notification.position {
                    writer.append(UInt8(ascii: ","))
                    writer.write(position.json)
                }
                writer.append(UInt8(ascii: "]"))
            }
        } else {
            writer.write(.array(array))
        }
        bytes = writer.output
    }

    /// Several messages as one compact JSON array, the body of a long-poll request or answer.
    public static func encodeBatch(_ messages: some Sequence<Message>) -> [UInt8] {
        var body: [UInt8] = [UInt8(ascii: "[")]
        for (position, message) in messages.enumerated() {
            if position > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: message.frame)
        }
        body.append(UInt8(ascii: "]"))
        return body
    }
}
