import MushroomRPC

/// Derives malformed and borderline inputs (frames, poll bodies, HTTP requests) from valid ones: byte flips, insertions, deletions,
/// splices, deep nesting, huge numbers, invalid UTF-8 and lone surrogates.
public struct FrameMutator {
    private var random: SplitMix64
    private let seeds: [[UInt8]]

    /// Byte strings worth inserting: JSON tokens, number edges, bad UTF-8, surrogate escapes.
    private static let fragments: [[UInt8]] = [
        "[", "]", "{", "}", ",", ":", "\"", "\\", "null", "true", "false", "-", "0", ".", "e", "E+",
        "-0", "1e308", "1e309", "-1e400", "4.9e-324", "1e-400", "0.1", "123456789012345678901234567890",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        #"\ud800"#, #"\udc00"#, #"\ud83d\ude00"#, #"\ud800\u0041"#, #"\u0000"#, #"\uZZZZ"#, #"\u12"#,
        "\u{E9}", "e\u{301}", "\u{1F344}",
    ].map { Array($0.utf8) } + [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x00], [0x1F]]

    /// A mutator drawing from `seeds`, replayable from `seed`.
    public init(seed: UInt64, seeds: [[UInt8]]) {
        random = SplitMix64(seed: seed)
        self.seeds = seeds.filter { !$0.isEmpty }
    }

    /// The next input: one to four mutations of a random seed, or a generated extreme.
    public mutating func next() -> [UInt8] {
        switch Int.random(in: 0..<20, using: &random) {
        case 0: return deepNesting()
        case 1: return hugeNumber()
        default:
            var bytes = seeds.randomElement(using: &random) ?? []
            for _ in 0..<Int.random(in: 1...4, using: &random) { mutate(&bytes) }
            return bytes
        }
    }

    private mutating func mutate(_ bytes: inout [UInt8]) {
        let position = Int.random(in: 0...bytes.count, using: &random)
        switch Int.random(in: 0..<6, using: &random) {
        case 0 where position < bytes.count:
            bytes[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
        case 1 where position < bytes.count:
            bytes[position] = UInt8.random(in: 0...255, using: &random)
        case 2 where position < bytes.count:
            let end = min(bytes.count, position + Int.random(in: 1...8, using: &random))
            bytes.removeSubrange(position..<end)
        case 3:
            bytes.insert(contentsOf: Self.fragments.randomElement(using: &random) ?? [], at: position)
        case 4:
            let other = seeds.randomElement(using: &random) ?? []
            let cut = Int.random(in: 0...other.count, using: &random)
            bytes = Array(bytes[..<position]) + other[cut...]
        default:
            bytes.insert(contentsOf: seeds.randomElement(using: &random) ?? [], at: position)
        }
    }

    /// An array or object nested just under, at or just over the parser's depth limit, optionally unclosed.
    private mutating func deepNesting() -> [UInt8] {
        let depth = JSONValue.maximumNestingDepth + Int.random(in: -3...3, using: &random)
        let open: [UInt8] = Bool.random(using: &random) ? Array("[".utf8) : Array(#"{"k":"#.utf8)
        var bytes = Array("[1,0,\"m\",".utf8)
        var closers: [UInt8] = []
        for _ in 0..<depth {
            bytes += open
            closers.append(open == Array("[".utf8) ? UInt8(ascii: "]") : UInt8(ascii: "}"))
        }
        bytes += Array("0".utf8) + closers.reversed() + Array("]".utf8)
        if Bool.random(using: &random) { bytes.removeLast(Int.random(in: 1...closers.count, using: &random)) }
        return bytes
    }

    /// A message whose id or payload is a very long or extreme number.
    private mutating func hugeNumber() -> [UInt8] {
        let digits = (0..<Int.random(in: 1...400, using: &random)).map { _ in UInt8.random(in: 48...57, using: &random) }
        let exponent = Bool.random(using: &random) ? Array("e\(Int.random(in: -400...400, using: &random))".utf8) : []
        let fraction = Bool.random(using: &random) ? Array(".".utf8) + digits.prefix(5) : []
        let number = Array("1".utf8) + digits + fraction + exponent
        return Bool.random(using: &random)
            ? Array("[3,".utf8) + number + Array(",0]".utf8)
            : Array("[3,1,2,".utf8) + number + Array("]".utf8)
    }
}
