import DashboardUI
import Foundation

/// A server `mushroom dash` opens: its short name (the tag its rows carry), its URL, and the
/// connection options for it (the command line's over its `[servers.NAME]` in the config file).
struct DashboardTarget: Sendable {
    let name: String
    let url: String
    let options: ClientOptions
    /// Its `[servers.NAME]`, when it was named from the config file.
    let configured: ConfiguredServer?

    /// The targets of the `dash` arguments: each a URL, `NAME=URL`, or the NAME of a server of
    /// `config` (read from `path`). A URL's name is its host, with its port when another URL
    /// has the same host; a name given twice gets `#2`, `#3`... appended.
    static func resolve(_ arguments: [String], options: ClientOptions, config: ConfigFile, path: String?) throws -> [DashboardTarget] {
        let parsed = try arguments.map { argument -> (name: String?, url: String, configured: ConfiguredServer?) in
            if let equals = argument.firstIndex(of: "="), !argument[..<equals].contains("://") {
                let name = String(argument[..<equals])
                guard !name.isEmpty else { throw CommandFailure.usage("\"\(argument)\" names no server before \"=\" (NAME=URL).") }
                return (name, String(argument[argument.index(after: equals)...]), nil)
            }
            guard let configured = try configuredServer(argument, in: config, path: path) else { return (nil, argument, nil) }
            return (configured.name, configured.url, configured)
        }
        let hosts = parsed.map { URLComponents(string: $0.url)?.host ?? $0.url }
        var seen: [String: Int] = [:]
        return parsed.enumerated().map { index, target in
            var name = target.name ?? hosts[index]
            if target.name == nil, hosts.filter({ $0 == hosts[index] }).count > 1, let port = URLComponents(string: target.url)?.port {
                name += ":\(port)"
            }
            seen[name, default: 0] += 1
            if let count = seen[name], count > 1 { name += "#\(count)" }
            var options = options
            if let configured = target.configured { options.fill(from: configured) }
            return DashboardTarget(name: name, url: target.url, options: options, configured: target.configured)
        }
    }

    /// The config file's server named `argument`, or nil when the argument is a URL (it has "://").
    static func configuredServer(_ argument: String, in config: ConfigFile, path: String?) throws -> ConfiguredServer? {
        guard !argument.contains("://") else { return nil }
        if let server = config.server(named: argument) { return server }
        let file = path.map { "the config file \($0)" } ?? "the config file"
        let known = config.servers.isEmpty ? "it names no servers" : "its servers are \(config.servers.map(\.name).joined(separator: ", "))"
        throw CommandFailure.usage("\"\(argument)\" is neither a URL nor a server of \(file) (\(known)).")
    }
}
