import ArgumentParser
import DashboardUI

/// `mushroom dash URL` (or `mushroom dash NAME`, a server of the config file): the dashboard on
/// any mushroom server, or on several at once (`mushroom dash URL URL...`); `mushroom dash
/// --replay FILE`, the dashboard on a recording.
struct DashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dash",
        abstract: "Open the dashboard on mushroom servers (bootstrap URLs, or names in the config file), or on a recording (--replay).",
        discussion: """
            With --record FILE every message in and out and every connection change is written to FILE. \
            dash --replay FILE plays such a recording through the dashboard with its original timing, \
            no server needed (--speed changes it): space pauses, + and - change the speed, and the footer \
            shows where it is.
            """)

    @Argument(
        help: """
            Each server's bootstrap URL, NAME=URL, or the NAME of a [servers.NAME] of the config file \
            (none with --replay); several open one dashboard on all of them.
            """)
    var servers: [String] = []
    @OptionGroup var options: ClientOptions
    @OptionGroup var tls: TLSOptions
    @OptionGroup var dashboard: DashboardOptions
    @OptionGroup var recording: RecordingOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let config = try dashboard.file.load()
            if servers.count > 1, recording.record != nil {
                throw CommandFailure.usage("--record records one server: give one URL or name.")
            }
            switch try recording.mode(url: servers.first) {
            case .live(_, let record):
                let targets = try DashboardTarget.resolve(
                    servers, options: options, config: config, path: dashboard.file.config ?? ConfigFile.defaultPath())
                let settings = try dashboard.settings(config: config, server: targets[0].configured, servers: targets.map(\.name))
                try await DashboardSession.run(targets: targets, trust: tls.trust(), settings: settings, record: record)
            case .replay(let path, let speed):
                try await DashboardReplay.run(
                    path: path, speed: speed ?? .times(1), settings: dashboard.settings(config: config, server: nil, servers: []))
            }
        }
    }
}
