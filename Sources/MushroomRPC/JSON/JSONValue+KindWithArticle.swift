extension JSONValue {
    /// The kind's name with its article, for error messages: "an array", "a string".
    public var kindWithArticle: String {
        (kindName.first.map { "aeiou".contains($0) } == true ? "an " : "a ") + kindName
    }
}
