import ArgumentParser

/// `mushroom dash URL`: the dashboard on any mushroom server; `mushroom dash --replay FILE`, the
/// dashboard on a recording.
struct DashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dash",
        abstract: "Open the dashboard on a mushroom server (its bootstrap URL), or on a recording (--replay).",
        discussion: """
            With --record FILE every message in and out and every connection change is written to FILE. \
            dash --replay FILE plays such a recording through the dashboard with its original timing, \
            no server needed (--speed changes it): space pauses, + and - change the speed, and the footer \
            shows where it is.
            """)

    @Argument(help: "The server's bootstrap URL (none with --replay).") var url: String?
    @OptionGroup var options: ClientOptions
    @OptionGroup var tls: TLSOptions
    @OptionGroup var dashboard: DashboardOptions
    @OptionGroup var recording: RecordingOptions

    func run() async throws {
        try await CommandFailure.reporting {
            switch try recording.mode(url: url) {
            case .live(let url, let record):
                try await DashboardSession.run(url: url, options: options, trust: tls.trust(), dashboard: dashboard, record: record)
            case .replay(let path, let speed):
                try await DashboardReplay.run(path: path, speed: speed ?? .times(1), dashboard: dashboard)
            }
        }
    }
}
