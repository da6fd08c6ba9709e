/// Why a theme could not be loaded: the file, the offending key (when there is one) and what is wrong.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The theme file, or the built-in theme's name in angle brackets.
    public let path: String
    /// The dotted key at fault, e.g. "roles.title.color"; `nil` for a syntax error.
    public let key: String?
    /// What is wrong.
    public let message: String

    /// An error about `key` of the theme at `path`.
    public init(path: String, key: String?, message: String) {
        self.path = path
        self.key = key
        self.message = message
    }

    public var description: String {
        if let key { return "theme \(path): \(key): \(message)" }
        return "theme \(path): \(message)"
    }
}
