import ArgumentParser
import DashboardModel
import DashboardUI

/// The config file and alert rules options of `dash`, `demo` and `watch`.
struct ConfigOptions: ParsableArguments {
    @Option(help: "The config file (default: $XDG_CONFIG_HOME/mushroom/config.toml, else ~/.config/mushroom/config.toml; none is fine).")
    var config: String?

    @Option(
        name: .customLong("alert"),
        help: """
            An alert rule (repeatable, added to the config file's): "method M slower than R per second for S seconds", \
            "N errors of kind K within S seconds", "unacknowledged above N" or "no heartbeat for S seconds", \
            each perhaps followed by "on SERVER" (one server of several).
            """)
    var alertRules: [String] = []

    /// The config file: `--config`'s (which must exist), else the default one if it exists.
    func load() throws -> ConfigFile {
        do {
            if let config { return try ConfigFile.load(path: config, required: true) }
            guard let path = ConfigFile.defaultPath() else { return ConfigFile() }
            return try ConfigFile.load(path: path, required: false)
        } catch {
            throw CommandFailure.usage("\(error).")
        }
    }

    /// The config file's alert rules, then those of `--alert`, for a command on `servers` (their
    /// names; none for a server without one). A rule that names a server (`on NAME`) watches it
    /// when it is one of them, as a plain rule when it is the only one. The config file's rules
    /// for other servers are left out (one file serves dashboards on any of its servers); an
    /// `--alert` for another server is refused.
    func alerts(in file: ConfigFile, servers: [String]) throws -> [AlertRule] {
        var rules = file.alerts.compactMap { Self.scoped($0, to: servers) }
        for text in alertRules {
            let rule: AlertRule
            do {
                rule = try AlertRule(parsing: text)
            } catch {
                throw CommandFailure.usage("--alert: \(error).")
            }
            guard let scoped = Self.scoped(rule, to: servers) else {
                let server = rule.server ?? ""
                throw CommandFailure.usage(
                    servers.isEmpty
                        ? "--alert: the rule \"\(text)\" watches server \(server), and this command's server has no name: drop \"on \(server)\"."
                        : "--alert: the rule \"\(text)\" watches server \(server), which this dashboard does not show (it shows \(servers.joined(separator: ", "))).")
            }
            rules.append(scoped)
        }
        return rules
    }

    /// `rule` on `servers`: as it is on several servers, without its server on one, `nil` when it
    /// names a server not among them.
    private static func scoped(_ rule: AlertRule, to servers: [String]) -> AlertRule? {
        guard let server = rule.server else { return rule }
        guard servers.contains(server) else { return nil }
        return servers.count == 1 ? rule.unscoped : rule
    }
}
