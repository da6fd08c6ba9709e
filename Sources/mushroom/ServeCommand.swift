import ArgumentParser
import Foundation
import Logging
import MushroomCluster
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

    @Option(
        help: "Run as a node of the cluster on this PostgreSQL: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE.",
        transform: { try ClusterURL($0) })
    var cluster: ClusterURL?

    @Option(help: "With --cluster, this node's name in its log lines and in PostgreSQL (default: the host name).")
    var node: String?

    @Option(
        help: "With --cluster, the most publications kept for recovery (default: 100000).",
        transform: ArgumentConversion.integer(in: 1...100_000_000))
    var retainPublications = PostgresClusterLog.Retention().count

    @Option(
        help: "With --cluster, seconds publications are kept for recovery (default: 3600).",
        transform: ArgumentConversion.seconds(allowsZero: false))
    var retainSeconds = PostgresClusterLog.Retention().age

    @Option(
        help: "With --cluster, the most publications that wait while PostgreSQL is unreachable; more are refused (default: 10000).",
        transform: ArgumentConversion.integer(in: 1...10_000_000))
    var maxUnstored = 10_000

    @Option(
        help: "The base URL put in session URLs (http[s]://HOST[:PORT][/PATH]): behind a load balancer, the one that leads to this node.",
        transform: { try AdvertisedURL($0) })
    var advertiseUrl: AdvertisedURL?

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel = "notice"

    @Option(help: "How log lines look on standard error: text, or json (one JSON object a line, metadata as fields).")
    var logFormat = LogFormat.text

    @Option(help: "Let a client whose bootstrap auth carries {\"admin\": TOKEN} call the mushroom.* admin methods (README).")
    var adminToken: String?

    @Option(help: "Serve GET /metrics (the Prometheus text format) on this port of the same host; 0 picks a free port.")
    var metricsPort: Int?

    /// The message sizes a server can accept: NIO's WebSocket frame decoder takes a largest frame
    /// size up to `UInt32.max` (and traps beyond it).
    static let messageSizeRange = 1...Int(UInt32.max)

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port)") }
        if let metricsPort, !(0...65_535).contains(metricsPort) {
            throw ValidationError("--metrics-port must be between 0 and 65535, got \(metricsPort)")
        }
        if let metricsPort, metricsPort == port, port != 0 {
            throw ValidationError("--metrics-port must differ from --port, both are \(port)")
        }
        guard maxUnacknowledged > 0 else {
            throw ValidationError("--max-unacknowledged must be positive, got \(maxUnacknowledged)")
        }
        if cluster == nil, node != nil { throw ValidationError("--node names a cluster node: give --cluster too") }
        if let node, node.isEmpty || node.count > 64 || node.contains(where: { $0.isWhitespace || $0.isNewline }) {
            throw ValidationError("--node must be 1 to 64 characters without spaces, got '\(node)'")
        }
        if adminToken?.isEmpty == true { throw ValidationError("--admin-token must not be empty") }
        guard (tlsCert == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-cert and --tls-key go together: give both to serve TLS, or neither")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical; got '\(logLevel)'")
        }
    }

    func run() async throws {
        // Before any logger is made: a logger keeps the handler made when it was.
        if logFormat == .json { LoggingSystem.bootstrap { label in JSONLogHandler(label: label) } }
        var configuration = MushroomServerConfiguration()
        configuration.metricsPort = metricsPort
        configuration.adminToken = adminToken
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
        configuration.advertisedURL = advertiseUrl
        if let cluster {
            let node = node ?? ProcessInfo.processInfo.hostName
            configuration.nodeName = node
            configuration.maximumUnstoredPublications = maxUnstored
            configuration.cluster = PostgresClusterLog(
                url: cluster, node: node, retention: .init(count: retainPublications, age: retainSeconds), logger: configuration.logger)
        }
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
        try await CommandFailure.reporting {
            let running: RunningMushroomServer
            do {
                running = try await server.start(shutdownOnSignals: true)
            } catch let unavailable as MetricsPortUnavailable {
                throw CommandFailure.usage("\(unavailable).")
            } catch let failure as ClusterLogFailure {
                throw CommandFailure.usage("could not join the cluster: \(failure).")
            } catch {
                throw CommandFailure.usage("could not listen on \(host):\(port): \(error)")
            }
            console.printLine("Server running at \(running.url)")
            if let metricsURL = running.metricsURL { console.printLine("Metrics at \(metricsURL)") }
            try await running.waitUntilStopped()
        }
    }

    /// How log lines look.
    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        /// swift-log's own lines, as before.
        case text
        /// One JSON object a line (`JSONLogHandler`).
        case json
    }
}
