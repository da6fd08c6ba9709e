/// A broadcast or a publication as a pass delivers it: its audience and its method choose the
/// sessions it reaches.
protocol Addressed {
    var audience: Publication.Audience { get }
    var method: String { get }
}

extension StoredPublication: Addressed {
    var audience: Publication.Audience { publication.audience }
    var method: String { publication.method }
}

extension Array where Element: Addressed {
    /// The ranges of elements in a row that reach the same sessions (broadcasts to every
    /// session, or publications on one topic), in order and covering the array, so that each
    /// session can take a range at once.
    func runsOfOneAudience() -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start = startIndex
        while start < endIndex {
            let first = self[start]
            var end = start + 1
            while end < endIndex, self[end].audience == first.audience,
                  first.audience == .everySession || self[end].method == first.method {
                end += 1
            }
            runs.append(start..<end)
            start = end
        }
        return runs
    }
}
