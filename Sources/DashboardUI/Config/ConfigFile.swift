import DashboardModel
import Foundation
import MushroomRPC
import TOMLKit

/// The dashboard's config file, `$XDG_CONFIG_HOME/mushroom/config.toml` (by default
/// `~/.config/mushroom/config.toml`) or `--config PATH`. Every table and key is optional; an
/// unknown one is an error, as is a wrong type or a value out of range, each named with its line:
///
/// ```toml
/// [dashboard]
/// theme = "dark"        # a built-in theme or a theme file
/// history = 10000       # notifications the stream keeps
/// mouse = true          # click, wheel and double click (false keeps the terminal's selection)
///
/// [servers.prod]        # mushroom dash prod
/// url = "https://mushroom.example.com/bootstrap"
/// transport = "ws"      # or "poll"
/// auth = { user = "ada" }
/// admin-token = "s3cret"
///
/// [filters]             # in the command palette; the stream filter's syntax
/// orders = "orders.* data.user=ada"
///
/// [keys]                # action = "key"
/// pause = "P"
///
/// [alerts]              # name = "rule" (see AlertRule)
/// slow-ticks = "method tick slower than 5 per second for 10 seconds"
/// ```
public struct ConfigFile: Sendable {
    /// A named stream filter.
    public struct NamedFilter: Sendable, Hashable {
        public let name: String
        public let text: String
    }

    /// The servers, filters and alert rules, in the file's order.
    public private(set) var servers: [ConfiguredServer] = []
    public private(set) var filters: [NamedFilter] = []
    public private(set) var alerts: [AlertRule] = []
    /// The key rebinding.
    public private(set) var keys = KeyRemap()
    /// The `[dashboard]` settings, when given.
    public private(set) var theme: String?
    public private(set) var history: Int?
    public private(set) var mouse: Bool?

    /// An empty config: what no file means.
    public init() {}

    /// The server named `name`.
    public func server(named name: String) -> ConfiguredServer? {
        servers.first { $0.name == name }
    }

    /// The default path: `$XDG_CONFIG_HOME/mushroom/config.toml` when XDG_CONFIG_HOME is an
    /// absolute path (as the XDG spec says), else `$HOME/.config/mushroom/config.toml`; nil
    /// without either.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let base = environment["XDG_CONFIG_HOME"], base.hasPrefix("/") { return base + "/mushroom/config.toml" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/mushroom/config.toml"
    }

    /// Reads the config at `path`; when it does not exist, an empty config unless `required`
    /// (a path the operator named).
    public static func load(path: String, required: Bool) throws(ConfigError) -> ConfigFile {
        let text: String
        do {
            text = try SmallTextFile.contents(of: path, noun: "a config file")
        } catch {
            if error.missing, !required { return ConfigFile() }
            throw ConfigError(path: path, line: nil, key: nil, message: error.reason)
        }
        return try ConfigFile(toml: text, path: path)
    }

    /// Parses config text; `path` names it in errors.
    public init(toml text: String, path: String) throws(ConfigError) {
        let table: TOMLTable
        do {
            table = try TOMLText.table(text)
        } catch {
            throw ConfigError(path: path, line: error.line, key: nil, message: "not valid TOML: \(error.reason)\(error.column.map { " (column \($0))" } ?? "")")
        }
        var reader = ConfigReader(path: path, lines: TOMLKeyLines(text))
        try reader.read(table, into: &self)
    }

    /// Reads the tables of a parsed file into a `ConfigFile`, naming the line of each key at fault.
    private struct ConfigReader {
        let path: String
        let lines: TOMLKeyLines

        func fail(_ path: [String], _ message: String) -> ConfigError {
            ConfigError(path: self.path, line: lines.line(of: path), key: path.joined(separator: "."), message: message)
        }

        /// The keys of `table` in the file's order, refusing those not in `known`.
        func keys(of table: TOMLTable, at path: [String], known: [String]?) throws(ConfigError) -> [String] {
            let ordered = table.keys.sorted { (lines.line(of: path + [$0]) ?? 0, $0) < (lines.line(of: path + [$1]) ?? 0, $1) }
            if let known, let unknown = ordered.first(where: { !known.contains($0) }) {
                throw fail(path + [unknown], "unknown key; \(path.isEmpty ? "the file" : path.joined(separator: ".")) has \(known.joined(separator: ", "))")
            }
            return ordered
        }

        func subtable(_ table: TOMLTable, _ key: String, at path: [String]) throws(ConfigError) -> TOMLTable? {
            guard let value = table[key] else { return nil }
            guard let subtable = value.table else { throw fail(path + [key], "expected a table, got \(Self.kind(value))") }
            return subtable
        }

        func string(_ table: TOMLTable, _ key: String, at path: [String]) throws(ConfigError) -> String? {
            guard let value = table[key] else { return nil }
            guard let string = value.string else { throw fail(path + [key], "expected a string, got \(Self.kind(value))") }
            return string
        }

        /// "an integer", "a string"...: what a value is, for messages.
        static func kind(_ value: TOMLValueConvertible) -> String {
            let name = value.type.description
            return ("aeiou".contains(name.first ?? "x") ? "an " : "a ") + name
        }

        mutating func read(_ table: TOMLTable, into config: inout ConfigFile) throws(ConfigError) {
            for key in try keys(of: table, at: [], known: ["dashboard", "servers", "filters", "keys", "alerts"]) {
                guard let section = try subtable(table, key, at: []) else { continue }
                switch key {
                case "dashboard": try readDashboard(section, into: &config)
                case "servers":
                    for name in try keys(of: section, at: ["servers"], known: nil) {
                        guard let server = try subtable(section, name, at: ["servers"]) else { continue }
                        config.servers.append(try readServer(server, name: name))
                    }
                case "filters":
                    for name in try keys(of: section, at: ["filters"], known: nil) {
                        let text = try string(section, name, at: ["filters"]) ?? ""
                        do {
                            _ = try NotificationFilter(parsing: text)
                        } catch {
                            throw fail(["filters", name], "not a valid filter: \(error.description)")
                        }
                        config.filters.append(NamedFilter(name: name, text: text))
                    }
                case "keys":
                    var bindings: [(action: String, key: String)] = []
                    for name in try keys(of: section, at: ["keys"], known: nil) {
                        bindings.append((name, try string(section, name, at: ["keys"]) ?? ""))
                    }
                    do {
                        config.keys = try KeyRemap(bindings)
                    } catch {
                        throw fail(["keys", error.action], error.message)
                    }
                default:
                    for name in try keys(of: section, at: ["alerts"], known: nil) {
                        let rule = try string(section, name, at: ["alerts"]) ?? ""
                        do {
                            config.alerts.append(try AlertRule(parsing: rule))
                        } catch {
                            throw fail(["alerts", name], error.description)
                        }
                    }
                }
            }
        }

        private func readDashboard(_ table: TOMLTable, into config: inout ConfigFile) throws(ConfigError) {
            let path = ["dashboard"]
            _ = try keys(of: table, at: path, known: ["theme", "history", "mouse"])
            config.theme = try theme(table, at: path)
            if let value = table["history"] {
                let range = DashboardConfiguration.streamCapacityRange
                guard let history = value.int, range.contains(history) else {
                    throw fail(
                        path + ["history"],
                        "expected a whole number from \(range.lowerBound) to \(range.upperBound), got \(value.int.map(String.init) ?? value.double.map { "\($0)" } ?? Self.kind(value))")
                }
                config.history = history
            }
            if let value = table["mouse"] {
                guard let mouse = value.bool else { throw fail(path + ["mouse"], "expected true or false, got \(Self.kind(value))") }
                config.mouse = mouse
            }
        }

        private func theme(_ table: TOMLTable, at path: [String]) throws(ConfigError) -> String? {
            guard let theme = try string(table, "theme", at: path) else { return nil }
            do {
                _ = try Theme.named(theme)
            } catch {
                throw fail(path + ["theme"], error.description)
            }
            return theme
        }

        private func readServer(_ table: TOMLTable, name: String) throws(ConfigError) -> ConfiguredServer {
            let path = ["servers", name]
            _ = try keys(of: table, at: path, known: ["url", "transport", "auth", "theme", "admin-token"])
            guard let url = try string(table, "url", at: path) else { throw fail(path, "a server needs a url") }
            let components = URLComponents(string: url)
            guard let components, ["http", "https"].contains(components.scheme?.lowercased() ?? ""), !(components.host ?? "").isEmpty else {
                throw fail(path + ["url"], "expected an http or https URL with a host, such as \"https://example.com/bootstrap\", got \"\(url)\"")
            }
            let transport = try string(table, "transport", at: path)
            if let transport, !["ws", "poll"].contains(transport) {
                throw fail(path + ["transport"], "expected \"ws\" or \"poll\", got \"\(transport)\"")
            }
            let auth = try table["auth"].map { value throws(ConfigError) in try json(value, at: path + ["auth"]) }
            return ConfiguredServer(
                name: name, url: url, transport: transport, auth: auth, theme: try theme(table, at: path),
                adminToken: try string(table, "admin-token", at: path))
        }

        /// A TOML value as the JSON value it stands for; dates have none, and neither has nan or inf.
        private func json(_ value: TOMLValueConvertible, at path: [String]) throws(ConfigError) -> JSONValue {
            if let string = value.string { return .string(string) }
            if let bool = value.bool { return .bool(bool) }
            if let int = value.int { return .integer(Int64(int)) }
            if let double = value.double {
                guard double.isFinite else { throw fail(path, "\(double) has no JSON form") }
                return .double(double)
            }
            if let array = value.array {
                var elements: [JSONValue] = []
                for element in array { elements.append(try json(element, at: path)) }
                return .array(elements)
            }
            if let table = value.table {
                var members: [String: JSONValue] = [:]
                for key in table.keys { if let member = table[key] { members[key] = try json(member, at: path + [key]) } }
                return .object(members)
            }
            throw fail(path, "\(Self.kind(value)) has no JSON form")
        }
    }
}
