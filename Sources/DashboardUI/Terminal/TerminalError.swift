/// Why the terminal could not be used.
public struct TerminalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One sentence for the operator.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
