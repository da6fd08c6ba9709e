/// Why a frame or array is not a valid mushroom message. Every case names what is wrong.
public enum MessageParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The frame is not JSON at all.
    case notJSON(JSONSyntaxError)
    /// The JSON is valid but not an array; `found` is its kind.
    case notAnArray(found: String)
    /// The array has no elements, so no code.
    case emptyArray
    /// The first element is not a known message code.
    case unknownCode(JSONValue)
    /// The array has the wrong number of elements for its code.
    case wrongArity(code: Message.Code, expected: String, found: Int)
    /// A field has the wrong JSON type.
    case wrongFieldType(field: String, expected: String, found: String)
    /// An id field holds a negative or non-integer number.
    case invalidMessageID(field: String, value: JSONValue)

    public var description: String {
        switch self {
        case .notJSON(let error):
            "not JSON: \(error)"
        case .notAnArray(let found):
            "not a message: expected a JSON array, got \(found == "object" ? "an" : "a") \(found)"
        case .emptyArray:
            "empty message: the array has no message code"
        case .unknownCode(let code):
            "unknown message code \(code)"
        case .wrongArity(let code, let expected, let found):
            "wrong arity: \(code.name.first == "E" ? "an" : "a") \(code.name) (code \(code.rawValue)) has \(expected) elements, got \(found)"
        case .wrongFieldType(let field, let expected, let found):
            "wrong field type: \(field) must be \(expected), got \(found)"
        case .invalidMessageID(let field, let value):
            "invalid message id: \(field) must be a non-negative integer, got \(value)"
        }
    }
}
