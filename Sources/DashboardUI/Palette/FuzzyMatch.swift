/// Fuzzy matching as in fzf, k9s and posting: the query's characters must appear in order in the
/// candidate (ignoring case); matches at the start and at word starts (after a space, `-`, `.`,
/// `_`, `/` or `:`) and runs of consecutive characters score higher, gaps lower. A pure function.
public enum FuzzyMatch {
    /// The score of `candidate` for `query` (higher is better), or nil when it does not match;
    /// an empty query matches everything with 0.
    public static func score(_ query: String, _ candidate: String) -> Int? {
        let needle = Array(query.lowercased().filter { !$0.isWhitespace })
        guard !needle.isEmpty else { return 0 }
        let original = Array(candidate)
        let haystack = original.map { Character($0.lowercased()) }
        guard needle.count <= haystack.count else { return nil }
        let starts = original.indices.map { index in
            index == 0 || separators.contains(original[index - 1]) || (original[index].isUppercase && original[index - 1].isLowercase)
        }
        // best[j]: the best score with the query's characters so far matched, the last at j.
        var best: [Int?] = haystack.indices.map { haystack[$0] == needle[0] ? bonus(at: $0, starts: starts) : nil }
        for character in needle.dropFirst() {
            var next: [Int?] = Array(repeating: nil, count: haystack.count)
            // The best of best[i] less one per skipped character, over i < j - 1.
            var gapped: Int?
            for j in haystack.indices.dropFirst() {
                if j >= 2 {
                    let skipping = best[j - 2].map { $0 - 1 }
                    gapped = [gapped.map { $0 - 1 }, skipping].compactMap { $0 }.max()
                }
                guard haystack[j] == character else { continue }
                let consecutive = best[j - 1].map { $0 + consecutiveBonus }
                guard let base = [consecutive, gapped].compactMap({ $0 }).max() else { continue }
                next[j] = base + bonus(at: j, starts: starts)
            }
            best = next
        }
        guard let top = best.compactMap({ $0 }).max() else { return nil }
        let prefix = candidate.lowercased().hasPrefix(String(needle)) ? prefixBonus : 0
        return top + prefix
    }

    /// The candidates that match `query`, best first (then shorter, then alphabetical).
    public static func rank<Item>(_ items: [Item], by query: String, text: (Item) -> String) -> [Item] {
        items.enumerated().compactMap { offset, item in score(query, text(item)).map { (item, $0, offset) } }
            .sorted { left, right in
                if left.1 != right.1 { return left.1 > right.1 }
                if query.isEmpty { return left.2 < right.2 }
                let (leftText, rightText) = (text(left.0), text(right.0))
                if leftText.count != rightText.count { return leftText.count < rightText.count }
                return leftText < rightText
            }
            .map(\.0)
    }

    private static let separators: Set<Character> = [" ", "-", ".", "_", "/", ":"]
    private static let prefixBonus = 20
    private static let consecutiveBonus = 4

    private static func bonus(at index: Int, starts: [Bool]) -> Int {
        1 + (starts[index] ? 8 : 0) + (index == 0 ? 2 : 0)
    }
}
