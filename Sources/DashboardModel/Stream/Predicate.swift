import MushroomRPC

/// One field condition of a filter: a path, an operator and a value.
struct Predicate: Sendable, Hashable {
    enum Comparison: Sendable, Hashable {
        case exists
        case equal(JSONValue)
        case notEqual(JSONValue)
        case less(Double)
        case lessOrEqual(Double)
        case greater(Double)
        case greaterOrEqual(Double)
        case contains(String)
    }

    let path: FieldPath
    let comparison: Comparison

    func holds(in data: JSONValue) -> Bool {
        guard let field = path.resolve(in: data) else { return false }
        switch comparison {
        case .exists: return true
        case .equal(let value): return Self.equal(field, value)
        case .notEqual(let value): return !Self.equal(field, value)
        case .less(let bound): return field.doubleValue.map { $0 < bound } ?? false
        case .lessOrEqual(let bound): return field.doubleValue.map { $0 <= bound } ?? false
        case .greater(let bound): return field.doubleValue.map { $0 > bound } ?? false
        case .greaterOrEqual(let bound): return field.doubleValue.map { $0 >= bound } ?? false
        case .contains(let text):
            let haystack = field.stringValue ?? field.compactString
            return haystack.lowercased().contains(text)
        }
    }

    private static func equal(_ field: JSONValue, _ value: JSONValue) -> Bool {
        if let left = field.doubleValue, let right = value.doubleValue { return left == right }
        return field == value
    }

    init(parsing term: [Character], start: Int) throws(FilterSyntaxError) {
        let operatorIndex = term.firstIndex(where: NotificationFilter.operatorCharacters.contains) ?? term.count
        path = try FieldPath(parsing: Array(term[0..<operatorIndex]), start: start)
        guard operatorIndex < term.count else {
            comparison = .exists
            return
        }
        var valueIndex = operatorIndex + 1
        let symbol: String
        switch term[operatorIndex] {
        case "!":
            guard valueIndex < term.count, term[valueIndex] == "=" else {
                throw FilterSyntaxError(position: start + operatorIndex, message: "expected != after the field path")
            }
            valueIndex += 1
            symbol = "!="
        case "<", ">":
            if valueIndex < term.count, term[valueIndex] == "=" { valueIndex += 1 }
            symbol = String(term[operatorIndex..<valueIndex])
        default:
            symbol = String(term[operatorIndex])
        }
        guard valueIndex < term.count else {
            throw FilterSyntaxError(position: start + valueIndex, message: "expected a value after \(symbol)")
        }
        let value = try Self.value(String(term[valueIndex...]), position: start + valueIndex)
        let number = value.doubleValue
        func bound() throws(FilterSyntaxError) -> Double {
            guard let number else {
                throw FilterSyntaxError(position: start + valueIndex, message: "\(symbol) needs a number")
            }
            return number
        }
        switch symbol {
        case "=": comparison = .equal(value)
        case "!=": comparison = .notEqual(value)
        case "<": comparison = .less(try bound())
        case "<=": comparison = .lessOrEqual(try bound())
        case ">": comparison = .greater(try bound())
        case ">=": comparison = .greaterOrEqual(try bound())
        default: comparison = .contains((value.stringValue ?? value.compactString).lowercased())
        }
    }

    /// A JSON scalar, or else the text itself as a string; a quoted value must be valid JSON.
    private static func value(_ text: String, position: Int) throws(FilterSyntaxError) -> JSONValue {
        let parsed = try? JSONValue(parsing: text)
        switch parsed {
        case .some(.array), .some(.object):
            throw FilterSyntaxError(position: position, message: "expected a number, true, false, null or text")
        case .some(let value):
            return value
        case .none:
            if text.first == "\"" {
                throw FilterSyntaxError(position: position, message: "expected one quoted text")
            }
            return .string(text)
        }
    }
}
