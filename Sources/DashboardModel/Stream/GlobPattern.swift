/// A method-name pattern: `*` matches any run of characters (dots included), `?` exactly one
/// byte, anything else itself. `orders.*` matches `orders.created` and `orders.eu.paid`.
struct GlobPattern: Sendable, Hashable {
    private let pattern: [UInt8]

    init(_ text: String) {
        pattern = Array(text.utf8)
    }

    func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { matches(bytes: $0) }
    }

    private func matches(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let star = UInt8(ascii: "*")
        let any = UInt8(ascii: "?")
        var textIndex = 0
        var patternIndex = 0
        var starIndex: Int?
        var resumeIndex = 0
        while textIndex < bytes.count {
            if patternIndex < pattern.count, pattern[patternIndex] == star {
                starIndex = patternIndex
                resumeIndex = textIndex
                patternIndex += 1
            } else if patternIndex < pattern.count, pattern[patternIndex] == any || pattern[patternIndex] == bytes[textIndex] {
                textIndex += 1
                patternIndex += 1
            } else if let starIndex {
                resumeIndex += 1
                textIndex = resumeIndex
                patternIndex = starIndex + 1
            } else {
                return false
            }
        }
        while patternIndex < pattern.count, pattern[patternIndex] == star { patternIndex += 1 }
        return patternIndex == pattern.count
    }
}
