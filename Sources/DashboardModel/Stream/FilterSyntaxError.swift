/// Why a stream filter's text is not valid, with the character position where it went wrong.
public struct FilterSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 0-based position in characters in the filter text.
    public let position: Int
    /// What was wrong there.
    public let message: String

    /// An error at `position` saying `message`.
    public init(position: Int, message: String) {
        self.position = position
        self.message = message
    }

    /// The message with its 1-based column.
    public var description: String { "\(message) at column \(position + 1)" }
}
