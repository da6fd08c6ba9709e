/// A search text for payloads, matched against compact JSON bytes with ASCII letters compared
/// regardless of case (other characters exactly), without building lowercased strings.
struct CaseInsensitiveText: Sendable, Hashable {
    private let needle: [UInt8]

    init(_ text: String) {
        needle = text.utf8.map(Self.fold)
    }

    var isEmpty: Bool { needle.isEmpty }

    /// Whether `haystack` contains this text.
    func isFound(in haystack: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return needle.isEmpty }
        var start = 0
        while start <= haystack.count - needle.count {
            if Self.fold(haystack[start]) == first {
                var offset = 1
                while offset < needle.count, Self.fold(haystack[start + offset]) == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            start += 1
        }
        return false
    }

    private static func fold(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }
}
