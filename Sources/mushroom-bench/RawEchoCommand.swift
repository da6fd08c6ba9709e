import ArgumentParser
import MushroomCommandLine
import MushroomLoad

/// `mushroom-bench raw-echo --url ws://HOST:PORT/ [--depth N]`: drives a raw echo server with the
/// frames `mushroom bench` sends for echo (depth 1) and pipeline, and prints the same figures.
struct RawEchoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "raw-echo",
        abstract: "Measure the raw WebSocket echo baseline against a raw-echo-server.")

    @Option(help: "The raw echo server's URL, e.g. ws://127.0.0.1:9000/.")
    var url: String

    @Option(help: "Connections (default: 1).", transform: ArgumentConversion.integer(in: LoadOptions.connectionRange))
    var connections = 1

    @Option(
        help: "Frames in flight per connection (1, the default: sequential round trips).",
        transform: ArgumentConversion.integer(in: LoadOptions.depthRange))
    var depth = 1

    @Option(help: "Seconds measured (default: 5).", transform: ArgumentConversion.seconds(allowsZero: false))
    var duration: Duration = .seconds(5)

    @Option(help: "Seconds of load before the measurement starts (default: 1).", transform: ArgumentConversion.seconds(allowsZero: true))
    var warmup: Duration = .seconds(1)

    @Flag(help: "Print one JSON object per figure and line.")
    var json = false

    func run() async throws {
        let result: LoadResult
        do {
            result = try await RawEchoLoad.run(url: url, connections: connections, depth: depth, duration: duration, warmup: warmup)
        } catch {
            console.printError("mushroom-bench: the raw echo at \(url) failed: \(error)")
            throw ExitCode.failure
        }
        if json {
            for figure in result.figures { console.printLine(figure.json) }
        } else {
            console.printLine(result.report)
        }
    }
}
