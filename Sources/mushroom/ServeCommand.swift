import ArgumentParser
import Logging
import MushroomCommandLine
import MushroomDemo
import MushroomServer

/// `mushroom serve`: runs the Swift mushroom server until ctrl-c or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run a mushroom server (with --demo, the demo methods, ticker and topic traffic).")

    @Option(help: "The interface to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free port.")
    var port = 8080

    @Option(help: "Where the bootstrap endpoint is mounted.")
    var basePath = "/"

    @Flag(help: "Serve the demo workload: the reference peer's methods, ticker.tick, topics and client.ping.")
    var demo = false

    @Option(help: "With --demo, the ticker.tick period in milliseconds; 0 turns it off (default: 200).", transform: ArgumentConversion.milliseconds(allowsZero: true))
    var tickMs: Duration = .milliseconds(200)

    @Flag(inversion: .prefixedNo, help: "With --demo, publish topic traffic (orders, metrics, alerts, chat).")
    var traffic = true

    @Option(help: "With --demo, the client.ping period in milliseconds; 0 turns it off (default: 5000).", transform: ArgumentConversion.milliseconds(allowsZero: true))
    var pingMs: Duration = .milliseconds(5000)

    @Option(
        help: "Seconds a WebSocket session waits for its client to resume; 0 ends it with the socket (default: 30).",
        transform: ArgumentConversion.seconds(allowsZero: true))
    var graceSeconds: Duration = .seconds(30)

    @Option(
        help: "The largest message or poll body accepted, in bytes, at most \(ServeCommand.messageSizeRange.upperBound) (default: 1048576).",
        transform: ArgumentConversion.integer(in: ServeCommand.messageSizeRange))
    var maxMessageBytes = 1 << 20

    @Option(help: "The most messages a client may leave unacknowledged; one more closes its session (slow consumer).")
    var maxUnacknowledged = 10_000

    @Option(
        help: "The most bytes of messages a client may leave unacknowledged; past it its session is closed (default: 67108864).",
        transform: ArgumentConversion.integer(in: 1...(1 << 40)))
    var maxUnacknowledgedBytes = 64 << 20

    @Option(
        help: "The most connections held open; at the bound idle ones are closed first (default: the file-descriptor limit less 64).",
        transform: ArgumentConversion.integer(in: 1...1_000_000))
    var maxConnections: Int?

    @Option(
        help: "Seconds a connection may take to send a request head, each part of a body, or its next request (default: 30).",
        transform: ArgumentConversion.seconds(allowsZero: false))
    var requestTimeout: Duration = .seconds(30)

    @Option(
        help: "The most topic patterns one session may subscribe to (default: 1000).",
        transform: ArgumentConversion.integer(in: 1...1_000_000))
    var maxSubscriptions = MushroomServerConfiguration.defaultMaximumSubscriptions

    @Option(
        help: "The most sessions one client address may bootstrap and leave unopened (default: 256).",
        transform: ArgumentConversion.integer(in: 1...1_000_000))
    var maxUnopenedPerAddress = 256

    @Option(help: "A PEM file of the server's certificate chain (the leaf first): serve https and wss; needs --tls-key.")
    var tlsCert: String?

    @Option(help: "A PEM file of the private key of --tls-cert (unencrypted).")
    var tlsKey: String?

    @Flag(help: "Trust X-Forwarded-Proto: https for wss/https session URLs; only behind a TLS proxy that sets it.")
    var trustForwardedProto = false

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel = "notice"

    /// The message sizes a server can accept: NIO's WebSocket frame decoder takes a largest frame
    /// size up to `UInt32.max` (and traps beyond it).
    static let messageSizeRange = 1...Int(UInt32.max)

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port)") }
        guard maxUnacknowledged > 0 else {
            throw ValidationError("--max-unacknowledged must be positive, got \(maxUnacknowledged)")
        }
        guard (tlsCert == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-cert and --tls-key go together: give both to serve TLS, or neither")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical; got '\(logLevel)'")
        }
    }

    func run() async throws {
        var configuration = MushroomServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.basePath = basePath
        configuration.webSocketGracePeriod = graceSeconds
        configuration.maximumMessageSize = maxMessageBytes
        configuration.maximumUnacknowledged = maxUnacknowledged
        configuration.maximumUnacknowledgedBytes = maxUnacknowledgedBytes
        configuration.maximumConnections = maxConnections
        configuration.requestReadTimeout = requestTimeout
        configuration.maximumSubscriptions = maxSubscriptions
        configuration.maximumUnopenedSessionsPerAddress = maxUnopenedPerAddress
        configuration.trustsForwardedProto = trustForwardedProto
        configuration.logger.logLevel = Logger.Level(rawValue: logLevel) ?? .notice
        if let tlsCert, let tlsKey {
            do {
                configuration.tls = try ServerTLSIdentity(certificateFile: tlsCert, privateKeyFile: tlsKey)
            } catch {
                console.printError("mushroom: \(error)")
                throw ExitCode.failure
            }
        }
        let server: MushroomServer
        if demo {
            var options = DemoServer.Options()
            options.tickInterval = tickMs
            options.topicTraffic = traffic
            options.pingInterval = pingMs
            server = DemoServer.makeServer(configuration: configuration, options: options)
        } else {
            server = MushroomServer(configuration: configuration)
        }
        let running: RunningMushroomServer
        do {
            running = try await server.start(shutdownOnSignals: true)
        } catch {
            throw ServeFailure(description: "could not listen on \(host):\(port): \(error)")
        }
        console.printLine("Server running at \(running.url)")
        try await running.waitUntilStopped()
    }
}

/// A failure to serve, told in one sentence.
struct ServeFailure: Error, CustomStringConvertible {
    let description: String
}
