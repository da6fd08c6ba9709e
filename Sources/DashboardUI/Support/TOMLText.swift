import TOMLKit

/// TOML text parsed with TOMLKit, a syntax error reduced to what it says and where.
enum TOMLText {
    /// A syntax error: TOMLKit's description, and where it begins (1-based).
    struct SyntaxError: Error {
        let reason: String
        let line: Int?
        let column: Int?
    }

    /// The table of `text`.
    static func table(_ text: String) throws(SyntaxError) -> TOMLTable {
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw SyntaxError(reason: error.description, line: error.source.begin.line, column: error.source.begin.column)
        } catch {
            throw SyntaxError(reason: "\(error)", line: nil, column: nil)
        }
    }
}
