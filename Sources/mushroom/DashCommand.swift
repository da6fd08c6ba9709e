import ArgumentParser

/// `mushroom dash URL`: the dashboard on any mushroom server.
struct DashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dash",
        abstract: "Open the dashboard on a mushroom server (its bootstrap URL).")

    @Argument(help: "The server's bootstrap URL.") var url: String
    @OptionGroup var options: ClientOptions
    @OptionGroup var tls: TLSOptions
    @OptionGroup var dashboard: DashboardOptions

    func run() async throws {
        try await CommandFailure.reporting {
            try await DashboardSession.run(url: url, options: options, trust: tls.trust(), dashboard: dashboard)
        }
    }
}
