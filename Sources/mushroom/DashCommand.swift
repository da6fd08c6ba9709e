import ArgumentParser

/// `mushroom dash URL`: the dashboard on any mushroom server.
struct DashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dash",
        abstract: "Open the dashboard on a mushroom server (its bootstrap URL).")

    @Argument(help: "The server's bootstrap URL.") var url: String
    @OptionGroup var options: ClientOptions
    @Option(help: "A theme name (dark, light, high-contrast, mono) or the path of a theme file.")
    var theme = "dark"

    func run() async throws {
        try await CommandFailure.reporting {
            try await DashboardSession.run(url: url, options: options, themeName: theme)
        }
    }
}
