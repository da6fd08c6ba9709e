/// Why the config file could not be used: the file, the line and key at fault (when known) and
/// what is wrong, as one sentence.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let line: Int?
    /// The dotted key at fault, e.g. "servers.prod.url".
    public let key: String?
    public let message: String

    public var description: String {
        var place = "the config file \(path)"
        if let line { place += ", line \(line)" }
        if let key { place += ", \(key)" }
        return "\(place): \(message)"
    }
}
