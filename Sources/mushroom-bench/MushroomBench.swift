import ArgumentParser
import MushroomCommandLine

/// Where the tool prints its figures and its sentences.
let console = Console(program: "mushroom-bench")

/// `mushroom-bench`: the micro-benchmarks (the default subcommand) and the raw WebSocket echo
/// baseline, the practical limit the load generator's figures are compared with.
@main
struct MushroomBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mushroom-bench",
        abstract: "Micro-benchmarks of the core and the dashboard, and the raw WebSocket echo baseline.",
        subcommands: [MicroCommand.self, RawEchoServerCommand.self, RawEchoCommand.self],
        defaultSubcommand: MicroCommand.self)

    /// Runs the tool; a usage error ends in one sentence and exit status 1, like `mushroom`'s.
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
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            console.printError("mushroom-bench: \(message(for: error))")
            exit(withError: ExitCode.failure)
        }
    }
}
