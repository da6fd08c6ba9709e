import ArgumentParser
import MushroomLoad

/// `mushroom-bench raw-echo-server [--host H] [--port P]`: the bare WebSocket echo server, until
/// SIGINT or SIGTERM. Prints `Raw echo server running at ws://HOST:PORT/` once it listens.
struct RawEchoServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "raw-echo-server",
        abstract: "Run a bare Hummingbird WebSocket server that echoes every message (the baseline).")

    @Option(help: "The interface to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free port.")
    var port = 0

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port)") }
    }

    func run() async throws {
        let host = self.host
        try await RawEchoServer.run(host: host, port: port, shutdownOnSignals: true) { port in
            console.printLine("Raw echo server running at ws://\(host):\(port)/")
        }
    }
}
