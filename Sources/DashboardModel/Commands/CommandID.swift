/// The id a model gives each command it emits: 1, 2, 3, ... per model.
public struct CommandID: Sendable, Hashable, CustomStringConvertible {
    /// The command's number.
    public let number: Int

    /// The id numbered `number`.
    public init(_ number: Int) {
        self.number = number
    }

    public var description: String { "command \(number)" }
}
