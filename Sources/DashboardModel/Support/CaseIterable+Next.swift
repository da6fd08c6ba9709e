extension CaseIterable where Self: Equatable, AllCases.Index == Int {
    /// The case after this one, wrapping: what a key that cycles through the cases moves to.
    var next: Self {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? all.startIndex) + 1) % all.count]
    }
}
