import ArgumentParser
import Foundation
import MushroomLoad

/// `mushroom-bench raw-echo --url ws://HOST:PORT/ [--depth N]`: drives a raw echo server with the
/// frames `mushroom bench` sends for echo (depth 1) and pipeline, and prints the same figures.
struct RawEchoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "raw-echo",
        abstract: "Measure the raw WebSocket echo baseline against a raw-echo-server.")

    @Option(help: "The raw echo server's URL, e.g. ws://127.0.0.1:9000/.")
    var url: String

    @Option(help: "Connections.")
    var connections = 1

    @Option(help: "Frames in flight per connection (1: sequential round trips).")
    var depth = 1

    @Option(help: "Seconds measured.")
    var duration: Double = 5

    @Option(help: "Seconds of load before the measurement starts.")
    var warmup: Double = 1

    @Flag(help: "Print one JSON object per figure and line.")
    var json = false

    func validate() throws {
        guard connections >= 1 else { throw ValidationError("--connections must be at least 1, got \(connections)") }
        guard depth >= 1 else { throw ValidationError("--depth must be at least 1, got \(depth)") }
        guard duration > 0, duration.isFinite else { throw ValidationError("--duration must be a positive number of seconds, got \(duration)") }
        guard warmup >= 0, warmup.isFinite else { throw ValidationError("--warmup must be 0 or more seconds, got \(warmup)") }
    }

    func run() async throws {
        let result: LoadResult
        do {
            result = try await RawEchoLoad.run(
                url: url, connections: connections, depth: depth,
                duration: .milliseconds(Int64(duration * 1000)), warmup: .milliseconds(Int64(warmup * 1000)))
        } catch {
            FileHandle.standardError.write(Data("mushroom-bench: the raw echo at \(url) failed: \(error)\n".utf8))
            throw ExitCode.failure
        }
        if json {
            for figure in result.figures { print(figure.json) }
        } else {
            print(result.report)
        }
    }
}
