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
    /// A filter that shows every kind of term, as the help suggests it.
    public static let example = #"orders.* data.user=ada "text""#

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
