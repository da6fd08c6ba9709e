import ArgumentParser
import DashboardUI

/// `mushroom dash URL` (or `mushroom dash NAME`, a server of the config file): the dashboard on
/// any mushroom server; `mushroom dash --replay FILE`, the dashboard on a recording.
struct DashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dash",
        abstract: "Open the dashboard on a mushroom server (its bootstrap URL, or its name in the config file), or on a recording (--replay).",
        discussion: """
            With --record FILE every message in and out and every connection change is written to FILE. \
            dash --replay FILE plays such a recording through the dashboard with its original timing, \
            no server needed (--speed changes it): space pauses, + and - change the speed, and the footer \
            shows where it is.
            """)

    @Argument(help: "The server's bootstrap URL, or the NAME of a [servers.NAME] of the config file (none with --replay).")
    var server: String?
    @OptionGroup var options: ClientOptions
    @OptionGroup var tls: TLSOptions
    @OptionGroup var dashboard: DashboardOptions
    @OptionGroup var recording: RecordingOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let config = try dashboard.file.load()
            switch try recording.mode(url: server) {
            case .live(let server, let record):
                let named = try Self.configuredServer(server, in: config, path: dashboard.file.config ?? ConfigFile.defaultPath())
                var options = options
                if let named { options.fill(from: named) }
                let settings = try dashboard.settings(config: config, server: named)
                try await DashboardSession.run(
                    url: named?.url ?? server, options: options, trust: tls.trust(), settings: settings, record: record)
            case .replay(let path, let speed):
                try await DashboardReplay.run(path: path, speed: speed ?? .times(1), settings: dashboard.settings(config: config, server: nil))
            }
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
