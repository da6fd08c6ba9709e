import ArgumentParser
import DashboardModel
import DashboardUI
import MushroomCommandLine

/// The options of the dashboard itself, shared by `dash` and `demo`: how it looks, how much of
/// the stream it keeps, the mouse, and the config file; each overrides the config file.
struct DashboardOptions: ParsableArguments {
    @Option(help: "A theme name (dark, light, high-contrast, mono) or the path of a theme file (default: dark).")
    var theme: String?

    @Option(
        help: """
            The notifications the stream keeps, from \(DashboardConfiguration.streamCapacityRange.lowerBound) to \
            \(DashboardConfiguration.streamCapacityRange.upperBound) (default: \(DashboardConfiguration().streamCapacity); about \
            300 bytes each for a small one).
            """,
        transform: ArgumentConversion.integer(in: DashboardConfiguration.streamCapacityRange))
    var history: Int?

    @Flag(help: "Leave the mouse to the terminal (its own text selection) instead of clicks and the wheel.")
    var noMouse = false

    @OptionGroup var file: ConfigOptions

    /// What the dashboard on `servers` (their names; none or one for a single server) opens
    /// with: these options over `server`'s settings (the first server's) over the config file's
    /// `[dashboard]` over the defaults.
    func settings(config: ConfigFile, server: ConfiguredServer?, servers: [String]) throws -> DashboardApp.Options {
        let theme: Theme
        do {
            theme = try Theme.named(self.theme ?? server?.theme ?? config.theme ?? "dark")
        } catch {
            throw CommandFailure.usage("\(error).")
        }
        var model = DashboardConfiguration()
        model.streamCapacity = history ?? config.history ?? model.streamCapacity
        model.alertRules = try file.alerts(in: config, servers: servers)
        model.servers = servers.count > 1 ? servers : []
        return DashboardApp.Options(
            theme: theme, model: model, keys: config.keys, palette: PaletteItem.views(ofServers: model.servers) + PaletteItem.items(of: config),
            mouse: !noMouse && (config.mouse ?? true))
    }
}
