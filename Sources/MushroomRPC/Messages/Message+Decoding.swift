extension Message {
    /// Parses one frame: the UTF-8 JSON text of a single message.
    public init(frame: some Collection<UInt8>) throws(MessageParseError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: frame)
        } catch {
            throw .notJSON(error)
        }
        try self.init(json: value)
    }

    /// Parses a decoded JSON value, which must be a message array.
    public init(json: JSONValue) throws(MessageParseError) {
        guard case .array(let elements) = json else {
            throw .notAnArray(found: json.kindName)
        }
        try self.init(array: elements)
    }

    /// Parses a decoded message array such as `[2, 6, "get_time"]`. `data` may be omitted (it is then `null`).
    public init(array: [JSONValue]) throws(MessageParseError) {
        guard let first = array.first else { throw .emptyArray }
        guard case .integer(let rawCode) = first else {
            if case .double = first { throw .unknownCode(first) }
            throw .wrongFieldType(field: "code", expected: "an integer", found: first.kindName)
        }
        guard let code = Code(rawValue: rawCode) else { throw .unknownCode(first) }
        let fields = FieldReader(code: code, elements: array)
        switch code {
        case .heartbeat:
            try fields.requireCount(2...2)
            self = .heartbeat(Heartbeat(lastMessageID: try fields.optionalID(at: 1, named: "last_message_id")))
        case .notification:
            try fields.requireCount(3...5)
            self = .notification(
                Notification(
                    id: try fields.id(at: 1), method: try fields.method(at: 2), data: fields.data(at: 3),
                    position: try fields.optionalPosition(at: 4)))
        case .request:
            try fields.requireCount(3...4)
            self = .request(
                Request(id: try fields.id(at: 1), method: try fields.method(at: 2), data: fields.data(at: 3)))
        case .response:
            try fields.requireCount(3...4)
            self = .response(
                Response(
                    id: try fields.id(at: 1), requestID: try fields.id(at: 2, named: "request_message_id"),
                    data: fields.data(at: 3)))
        case .error:
            try fields.requireCount(3...4)
            self = .error(
                ErrorResponse(
                    id: try fields.id(at: 1), requestID: try fields.id(at: 2, named: "request_message_id"),
                    data: fields.data(at: 3)))
        case .disconnect:
            try fields.requireCount(1...1)
            self = .disconnect
        }
    }

    /// Parses a long-poll body: a JSON array of messages. The body as a whole must be an array;
    /// each element is parsed on its own, so one bad message does not lose the others.
    public static func decodeBatch(frame: some Collection<UInt8>) throws(MessageParseError) -> [Result<Message, MessageParseError>] {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: frame)
        } catch {
            throw .notJSON(error)
        }
        guard case .array(let elements) = value else {
            throw .notAnArray(found: value.kindName)
        }
        return elements.map { element in
            Result { () throws(MessageParseError) in try Message(json: element) }
        }
    }

    /// One message of a long-poll body, parsed on its own, and where its JSON text lies in the body.
    public struct BatchElement: Sendable {
        public let message: Result<Message, MessageParseError>
        /// The byte offsets of the message's text from the start of the body.
        public let bytes: Range<Int>
    }

    /// Parses a long-poll body like `decodeBatch`, giving each message with the byte range of its
    /// text (so that the text can be kept as it arrived, `Engine.receive(_:bytes:)`); a little
    /// slower than `decodeBatch`, which the server keeps.
    public static func decodeBatchElements(frame: some Collection<UInt8>) throws(MessageParseError) -> [BatchElement] {
        let document: JSONDocumentElements
        do {
            document = try JSONValue.parsingElements(frame)
        } catch {
            throw .notJSON(error)
        }
        switch document {
        case .notAnArray(let value):
            throw .notAnArray(found: value.kindName)
        case .array(let elements):
            return elements.map { element in
                BatchElement(message: Result { () throws(MessageParseError) in try Message(json: element.value) }, bytes: element.bytes)
            }
        }
    }
}

/// Reads typed fields out of a message array, naming the field in every error.
private struct FieldReader {
    let code: Message.Code
    let elements: [JSONValue]

    func requireCount(_ allowed: ClosedRange<Int>) throws(MessageParseError) {
        guard allowed.contains(elements.count) else {
            let expected = switch allowed.count {
            case 1: "\(allowed.lowerBound)"
            case 2: "\(allowed.lowerBound) or \(allowed.upperBound)"
            default: "\(allowed.lowerBound) to \(allowed.upperBound)"
            }
            throw .wrongArity(code: code, expected: expected, found: elements.count)
        }
    }

    func id(at index: Int, named name: String = "message_id") throws(MessageParseError) -> MessageID {
        let value = elements[index]
        switch value {
        case .integer(let number) where number >= 0 && number <= Int64(MessageID.max):
            return MessageID(number)
        case .integer, .double:
            throw .invalidMessageID(field: name, value: value)
        default:
            throw .wrongFieldType(field: name, expected: "an integer", found: value.kindName)
        }
    }

    func optionalID(at index: Int, named name: String) throws(MessageParseError) -> MessageID? {
        if elements[index] == .null { return nil }
        return try id(at: index, named: name)
    }

    func method(at index: Int) throws(MessageParseError) -> String {
        guard case .string(let name) = elements[index] else {
            throw .wrongFieldType(field: "method", expected: "a string", found: elements[index].kindName)
        }
        return name
    }

    func optionalPosition(at index: Int) throws(MessageParseError) -> StreamPosition? {
        guard index < elements.count else { return nil }
        guard let position = StreamPosition(json: elements[index]) else {
            throw .wrongFieldType(field: "position", expected: #"{"epoch": STRING, "offset": INTEGER}"#, found: elements[index].kindName)
        }
        return position
    }

    func data(at index: Int) -> JSONValue {
        index < elements.count ? elements[index] : .null
    }
}
