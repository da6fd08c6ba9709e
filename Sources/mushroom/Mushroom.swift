import ArgumentParser
import MushroomCommandLine

/// Where the tool prints its results and its sentences.
let console = Console(program: "mushroom")

/// The `mushroom` command-line tool: the dashboard, the demo, a server and a scripting client.
@main
struct Mushroom: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mushroom",
        abstract: "Speak the mushroom real-time RPC protocol: dashboard, demo, server and client.",
        subcommands: [DemoCommand.self, DashCommand.self, ServeCommand.self, CallCommand.self, NotifyCommand.self, WatchCommand.self, BenchCommand.self]
    )

    /// Runs the tool. A usage error ends in one sentence and exit status 1 (not ArgumentParser's 64),
    /// so that scripts see the same status for every error a person can cause.
    static func main() async {
        StandardStream.prepare()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                console.printError("mushroom: \(message(for: error))\nRun 'mushroom help' for usage.")
                exit(withError: ExitCode.failure)
            }
            exit(withError: error)
        }
    }
}
