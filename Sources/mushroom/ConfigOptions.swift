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
            "N errors of kind K within S seconds", "unacknowledged above N" or "no heartbeat for S seconds".
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

    /// The config file's alert rules, then those of `--alert`.
    func alerts(in file: ConfigFile) throws -> [AlertRule] {
        var rules = file.alerts
        for text in alertRules {
            do {
                rules.append(try AlertRule(parsing: text))
            } catch {
                throw CommandFailure.usage("--alert: \(error).")
            }
        }
        return rules
    }
}
