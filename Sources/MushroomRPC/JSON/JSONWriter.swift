import Foundation

extension JSONValue {
    /// Compact JSON as UTF-8 bytes: no insignificant whitespace, object keys sorted, `/` not escaped.
    public var compactBytes: [UInt8] {
        var writer = JSONWriter(indent: nil)
        writer.write(self)
        return writer.output
    }

    /// Appends the compact JSON of this value (as `compactBytes`) to `bytes`, so that many values
    /// written together share one buffer.
    public func appendCompact(to bytes: inout [UInt8]) {
        var writer = JSONWriter(indent: nil, output: bytes)
        bytes = []
        writer.write(self)
        bytes = writer.output
    }

    /// Compact JSON text.
    public var compactString: String {
        String(decoding: compactBytes, as: UTF8.self)
    }

    /// Indented JSON text for people (two spaces per level, keys sorted).
    public var prettyString: String {
        var writer = JSONWriter(indent: "  ")
        writer.write(self)
        return String(decoding: writer.output, as: UTF8.self)
    }
}

/// Serialises `JSONValue`s into a growing byte buffer.
struct JSONWriter {
    private(set) var output: [UInt8] = []
    private let indent: String?
    private var level = 0

    init(indent: String?) {
        self.indent = indent
        output.reserveCapacity(64)
    }

    /// A writer that appends to `output`.
    init(indent: String?, output: [UInt8]) {
        self.indent = indent
        self.output = output
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .integer(let number): writeInteger(number)
        case .double(let number): append(number.isFinite ? String(number) : "null")
        case .string(let text): writeString(text)
        case .array(let elements): writeArray(elements)
        case .object(let members): writeObject(members)
        }
    }

    /// Appends a byte that is JSON already (a separator, a bracket).
    mutating func append(_ byte: UInt8) {
        output.append(byte)
    }

    /// Appends bytes that are JSON already (a part encoded ahead).
    mutating func append(contentsOf bytes: [UInt8]) {
        output.append(contentsOf: bytes)
    }

    private mutating func append(_ text: String) {
        output.append(contentsOf: text.utf8)
    }

    /// Decimal digits straight into the output: `String(number)` would build a string first.
    private mutating func writeInteger(_ number: Int64) {
        if number < 0 { output.append(UInt8(ascii: "-")) }
        let magnitude = number.magnitude
        var digits = 1
        var power: UInt64 = 10
        while digits < 20, magnitude >= power {
            digits += 1
            power = power &* 10
        }
        let end = output.count + digits
        output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
        var rest = magnitude
        var index = end - 1
        while rest > 0 {
            output[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            index -= 1
        }
    }

    private mutating func newline() {
        guard let indent else { return }
        output.append(0x0A)
        for _ in 0..<level { append(indent) }
    }

    private mutating func writeArray(_ elements: [JSONValue]) {
        output.append(UInt8(ascii: "["))
        if elements.isEmpty {
            output.append(UInt8(ascii: "]"))
            return
        }
        level += 1
        for (position, element) in elements.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            newline()
            write(element)
        }
        level -= 1
        newline()
        output.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ members: [String: JSONValue]) {
        output.append(UInt8(ascii: "{"))
        if members.isEmpty {
            output.append(UInt8(ascii: "}"))
            return
        }
        level += 1
        if members.count == 1, let (key, member) = members.first {
            writeMember(key, member)
        } else {
            // Sorting the pairs, not the keys, saves looking every member up again by its key.
            for (position, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                writeMember(member.key, member.value)
            }
        }
        level -= 1
        newline()
        output.append(UInt8(ascii: "}"))
    }

    private mutating func writeMember(_ key: String, _ member: JSONValue) {
        newline()
        writeString(key)
        output.append(UInt8(ascii: ":"))
        if indent != nil { output.append(0x20) }
        write(member)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func writeString(_ text: String) {
        output.append(UInt8(ascii: "\""))
        // Scanning the contiguous bytes is several times cheaper than iterating the UTF8View.
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: Self.needsEscape) else { return false }
            output.append(contentsOf: bytes)
            return true
        }
        if plain == true {
            output.append(UInt8(ascii: "\""))
            return
        }
        if plain == nil, !text.utf8.contains(where: Self.needsEscape) {
            output.append(contentsOf: text.utf8)
            output.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                output.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
                output.append(Self.hexDigits[Int(byte >> 4)])
                output.append(Self.hexDigits[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}
