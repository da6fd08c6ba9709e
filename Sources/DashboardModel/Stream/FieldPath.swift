import MushroomRPC

/// A path into a payload: `$` (or `data`) followed by `.key` and `[index]` steps, e.g. `$.items[0].id`.
struct FieldPath: Sendable, Hashable {
    enum Step: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    let steps: [Step]

    /// The value at this path in `data`, or `nil` when a step does not exist.
    func resolve(in data: JSONValue) -> JSONValue? {
        var current = data
        for step in steps {
            switch (step, current) {
            case (.key(let key), .object(let members)):
                guard let next = members[key] else { return nil }
                current = next
            case (.index(let index), .array(let elements)):
                guard index < elements.count else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Parses `text` (characters `start...` of a filter, for error positions).
    init(parsing text: [Character], start: Int) throws(FilterSyntaxError) {
        var index: Int
        if text.first == "$" {
            index = 1
        } else if text.count >= 4, String(text[0..<4]) == "data" {
            index = 4
        } else {
            throw FilterSyntaxError(position: start, message: "a field path starts with $ or data")
        }
        var steps: [Step] = []
        while index < text.count {
            switch text[index] {
            case ".":
                let keyStart = index + 1
                var keyEnd = keyStart
                while keyEnd < text.count, text[keyEnd] != ".", text[keyEnd] != "[" { keyEnd += 1 }
                guard keyEnd > keyStart else {
                    throw FilterSyntaxError(position: start + keyStart, message: "expected a key after '.'")
                }
                steps.append(.key(String(text[keyStart..<keyEnd])))
                index = keyEnd
            case "[":
                var close = index + 1
                while close < text.count, text[close].isASCII, text[close].isNumber { close += 1 }
                guard close > index + 1, close < text.count, text[close] == "]",
                    let number = Int(String(text[(index + 1)..<close]))
                else {
                    throw FilterSyntaxError(position: start + index, message: "expected an index like [0]")
                }
                steps.append(.index(number))
                index = close + 1
            default:
                throw FilterSyntaxError(position: start + index, message: "unexpected '\(text[index])' in field path")
            }
        }
        self.steps = steps
    }
}
