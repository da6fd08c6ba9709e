import Foundation
import MushroomRPC

/// Which notifications the stream shows.
///
/// Syntax: terms separated by spaces. A notification is shown when its method matches any of the
/// method patterns (or there are none) and every other term holds.
///
/// | term            | meaning                                                            |
/// |-----------------|--------------------------------------------------------------------|
/// | `orders.*`      | method pattern: `*` any run of characters, `?` one character       |
/// | `"alice"`       | the payload's compact JSON contains this text (ASCII case ignored) |
/// | `$.user=alice`  | the field equals the value (`!=` differs)                          |
/// | `data.n>5`      | numeric comparison: `>`, `>=`, `<`, `<=`                           |
/// | `$.name~ali`    | the field's text contains the value (case-insensitive)             |
/// | `$.items[0].id` | the field exists                                                   |
///
/// A term containing `=`, `!`, `<`, `>` or `~`, or starting with `$`, is a field predicate. Its path
/// starts with `$` or `data` (both mean the payload) followed by `.key` and `[index]` steps. The
/// value is a JSON scalar (`5`, `2.5`, `true`, `null`, `"two words"`) or else a bare word taken as
/// a string. Numbers compare by value whether integer or not; a missing field matches nothing.
public struct NotificationFilter: Sendable, Hashable {
    private var methodPatterns: [GlobPattern] = []
    private var texts: [CaseInsensitiveText] = []
    private var predicates: [Predicate] = []

    /// Whether a notification with this method and payload is shown.
    public func matches(method: String, data: JSONValue) -> Bool {
        if !methodPatterns.isEmpty, !methodPatterns.contains(where: { $0.matches(method) }) { return false }
        for predicate in predicates where !predicate.holds(in: data) { return false }
        if !texts.isEmpty {
            let payload = data.compactBytes
            for text in texts where !text.isFound(in: payload) { return false }
        }
        return true
    }

    /// Parses a filter; the error gives the position (in characters) of the first problem.
    public init(parsing text: String) throws(FilterSyntaxError) {
        let characters = Array(text)
        for (term, start) in try Self.terms(of: characters) {
            if term.first == "\"" {
                let parsed = CaseInsensitiveText(try Self.quotedText(term, start: start))
                guard !parsed.isEmpty else { throw FilterSyntaxError(position: start, message: "empty text") }
                texts.append(parsed)
            } else if term.first == "$" || term.contains(where: Self.operatorCharacters.contains) {
                predicates.append(try Predicate(parsing: term, start: start))
            } else {
                methodPatterns.append(GlobPattern(String(term)))
            }
        }
    }

    static let operatorCharacters: Set<Character> = ["=", "!", "<", ">", "~"]

    /// Splits the text at whitespace outside quotes, with each term's starting position.
    private static func terms(of text: [Character]) throws(FilterSyntaxError) -> [([Character], Int)] {
        var terms: [([Character], Int)] = []
        var index = 0
        while index < text.count {
            if text[index].isWhitespace {
                index += 1
                continue
            }
            let start = index
            while index < text.count, !text[index].isWhitespace {
                if text[index] == "\"" {
                    let opening = index
                    index += 1
                    while index < text.count, text[index] != "\"" {
                        index += text[index] == "\\" ? 2 : 1
                    }
                    guard index < text.count else {
                        throw FilterSyntaxError(position: opening, message: "unterminated text: missing closing \"")
                    }
                }
                index += 1
            }
            terms.append((Array(text[start..<index]), start))
        }
        return terms
    }

    /// The content of a term that is one quoted JSON string.
    private static func quotedText(_ term: [Character], start: Int) throws(FilterSyntaxError) -> String {
        let parsed: JSONValue
        do {
            parsed = try JSONValue(parsing: String(term))
        } catch {
            throw FilterSyntaxError(position: start, message: "expected one quoted text (\(error.reason))")
        }
        guard case .string(let text) = parsed else {
            throw FilterSyntaxError(position: start, message: "expected one quoted text")
        }
        return text
    }
}

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
