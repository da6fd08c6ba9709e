import Foundation
import ArgumentParser
import MushroomClient
import MushroomRPC
import MushroomCommandLine
import MushroomLoad

/// `mushroom bench URL`: a load generator for any mushroom server, printing throughput and
/// latency percentiles like redis-benchmark, or one JSON figure per line with `--json`.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Apply load to a mushroom server and print its throughput and latency percentiles.",
        discussion: """
            Scenarios: echo (sequential round trips of the echo method on each connection), pipeline \
            (--depth echo requests in flight per connection), fanout (one publisher calls the server's \
            publish method with --depth publishes in flight; the notifications are counted at \
            --connections subscribers), sessions (--connections idle WebSocket sessions, default 10000: \
            the server's RSS per session, read from /proc for --server-pid, then broadcasts through \
            publish in rounds of --depth, each round timed until every session has all of it), ingest \
            (the CPU a client spends per notification: --client watch or dash runs as a child process \
            while the demo's publish_topic sends it --rate notifications a second; needs a Swift \
            `mushroom serve --demo` of its own; --also URL adds servers to the dashboard, each flooded \
            at --rate), cluster (nodes of one cluster, each a Swift `mushroom serve \
            --demo --cluster`: publications on URL, --connections subscribers, default 100, each on a \
            topic of its own, spread over the --subscribe-at nodes: publications a second through the \
            cluster, latency from publishing to delivery at 1000 a second, and how long a subscriber \
            with positions takes to recover 10000 it missed; without --subscribe-at, one node's figures), \
            replay (no URL: writes a recording of --lines notifications, times watch --replay FILE --json \
            --speed max, and plays it in dash --replay FILE --speed max on a pty, reading its RSS from /proc). \
            With --json, one {"name","value","unit"} object per line. \
            Exit status: 0 measured, 1 usage or connection error.
            """)

    @Argument(help: "The server's bootstrap URL, e.g. http://127.0.0.1:8080/ (none for the replay scenario).")
    var url: String?

    @Option(help: "echo, pipeline, fanout, sessions, ingest, cluster or replay.")
    var scenario = "echo"

    @Flag(help: "ingest: the client also records the session (--record to a temporary file).")
    var record = false

    @Option(
        help: "replay: the notifications of the recording played, from \(ReplayLoad.lineRange.lowerBound) to \(ReplayLoad.lineRange.upperBound) (default: 1000000).",
        transform: ArgumentConversion.integer(in: ReplayLoad.lineRange))
    var lines: Int?

    @Option(help: "ingest: the client measured, watch or dash (default: watch).")
    var client: String?

    @Option(help: "ingest with --client dash: one more server the dashboard watches at once, flooded at --rate like URL (repeatable).")
    var also: [String] = []

    @Option(
        help: "ingest: notifications a second, from \(IngestOptions.rateRange.lowerBound) to \(IngestOptions.rateRange.upperBound) (default: 100000).",
        transform: ArgumentConversion.integer(in: IngestOptions.rateRange))
    var rate: Int?

    @Option(
        help: "Connections (fanout: subscriber connections; sessions: idle sessions), at most \(LoadOptions.connectionRange.upperBound). Default: 1, fanout 100, sessions 10000.",
        transform: ArgumentConversion.integer(in: LoadOptions.connectionRange))
    var connections: Int?

    @Option(
        help: "Requests in flight per connection (pipeline, default 64), publishes in flight (fanout, default 10) or per round (sessions, default 10), at most \(LoadOptions.depthRange.upperBound).",
        transform: ArgumentConversion.integer(in: LoadOptions.depthRange))
    var depth: Int?

    @Option(help: "Seconds measured (default: 5).", transform: ArgumentConversion.seconds(allowsZero: false))
    var duration: Duration = .seconds(5)

    @Option(help: "Seconds of load before the measurement starts (default: 1).", transform: ArgumentConversion.seconds(allowsZero: true))
    var warmup: Duration = .seconds(1)

    @Option(help: "The transport: ws or poll.")
    var transport = "ws"

    @OptionGroup var tls: TLSOptions

    @Option(
        help: "sessions: the process id of the server at URL, whose memory and CPU are read from /proc.",
        transform: ArgumentConversion.integer(in: 1...Int(Int32.max)))
    var serverPid: Int?

    @Option(help: "cluster: a node the subscribers connect to (repeatable); default: URL itself.")
    var subscribeAt: [String] = []

    @Flag(help: "Print one JSON object per figure and line: {\"name\":...,\"value\":...,\"unit\":...}.")
    var json = false

    func validate() throws {
        if scenario == Self.replay {
            if url != nil { throw ValidationError("the replay scenario needs no URL: it plays a recording of its own") }
            return
        }
        guard let url else { throw ValidationError("a URL is needed (the replay scenario alone takes none)") }
        if record, scenario != Self.ingest { throw ValidationError("--record applies to the ingest scenario only") }
        if lines != nil { throw ValidationError("--lines applies to the replay scenario only") }
        if [Self.ingest, Self.cluster, LoadScenario.sessions.rawValue].contains(scenario), url.lowercased().hasPrefix("https:") || tls.cacert != nil {
            throw ValidationError("--scenario \(scenario) measures plain http servers only; TLS applies to echo, pipeline and fanout")
        }
        guard let transportKind = TransportKind(rawValue: transport) else {
            throw ValidationError("--transport must be ws or poll, not '\(transport)'")
        }
        if scenario != Self.cluster, !subscribeAt.isEmpty {
            throw ValidationError("--subscribe-at applies to the cluster scenario only")
        }
        if scenario == Self.cluster {
            if depth != nil || client != nil || rate != nil || !also.isEmpty || serverPid != nil || transportKind != .webSocket {
                throw ValidationError("the cluster scenario takes --connections, --duration, --warmup and --subscribe-at only")
            }
            return
        }
        if scenario == Self.ingest {
            if let client, IngestClient(rawValue: client) == nil {
                throw ValidationError("--client must be watch or dash, not '\(client)'")
            }
            if connections != nil || depth != nil {
                throw ValidationError("--connections and --depth do not apply to the ingest scenario, which measures one client")
            }
            if !also.isEmpty, client != IngestClient.dash.rawValue {
                throw ValidationError("--also applies to --client dash only: watch takes one server")
            }
            if !also.isEmpty, record {
                throw ValidationError("--record records one server: leave out --also")
            }
            return
        }
        guard let kind = LoadScenario(rawValue: scenario) else {
            throw ValidationError("--scenario must be echo, pipeline, fanout, sessions, ingest, cluster or replay, not '\(scenario)'")
        }
        if client != nil || rate != nil || !also.isEmpty {
            throw ValidationError("--client, --rate and --also apply to the ingest scenario only")
        }
        if let depth, kind == .echo, depth != 1 {
            throw ValidationError("--depth does not apply to the sequential echo scenario; use --scenario pipeline")
        }
        switch (kind, serverPid) {
        case (.sessions, nil):
            throw ValidationError("--scenario sessions needs --server-pid, the process id of the server at the URL")
        case (.sessions, _) where transportKind != .webSocket:
            throw ValidationError("--scenario sessions opens WebSocket sessions only; leave out --transport \(transport)")
        case (.sessions, _), (_, nil):
            break
        default:
            throw ValidationError("--server-pid applies to --scenario sessions only")
        }
    }

    /// The name of the scenario that measures a client process instead of loading the server.
    static let ingest = "ingest"
    /// The name of the scenario that measures the nodes of a cluster.
    static let cluster = "cluster"
    /// The name of the scenario that measures playing a recording.
    static let replay = "replay"

    func run() async throws {
        if scenario == Self.replay {
            let lines = lines ?? 1_000_000
            return try await printMeasured {
                let result = try await ReplayLoad.run(lines: lines, executable: Self.executablePath)
                return (result.figures, result.report)
            }
        }
        let url = url ?? ""
        if scenario == Self.ingest {
            var options = IngestOptions(
                url: url, client: client.flatMap(IngestClient.init(rawValue:)) ?? .watch, rate: rate ?? 100_000,
                duration: duration, warmup: warmup, transport: TransportKind(rawValue: transport) ?? .webSocket,
                executable: Self.executablePath)
            options.record = record
            options.otherURLs = also
            return try await printMeasured {
                let result = try await IngestLoad.run(options)
                return (result.figures, result.report)
            }
        }
        if scenario == Self.cluster {
            var options = ClusterLoadOptions(
                publishURL: url, subscribeURLs: subscribeAt, subscribers: connections ?? 100, duration: duration)
            options.warmup = warmup
            return try await printMeasured { try await ClusterLoad.run(options) }
        }
        var options = LoadOptions(
            url: url, scenario: LoadScenario(rawValue: scenario) ?? .echo, connections: connections, depth: depth,
            duration: duration, warmup: warmup,
            transport: TransportKind(rawValue: transport) ?? .webSocket, serverPID: serverPid.map { Int32($0) })
        try await CommandFailure.reporting { options.tlsTrust = try tls.trust() }
        try await printMeasured {
            let result = try await LoadGenerator.run(options)
            return (result.figures, result.report)
        }
    }

    /// Runs `measure` and prints its figures, one JSON object a line with `--json`, or its report;
    /// a run that could not measure ends with its sentence as a connection error.
    private func printMeasured(_ measure: () async throws -> (figures: [Figure], report: String)) async throws {
        try await CommandFailure.reporting {
            let measured: (figures: [Figure], report: String)
            do {
                measured = try await measure()
            } catch {
                throw CommandFailure.connection("\(error)")
            }
            if json {
                for figure in measured.figures { console.printLine(figure.json) }
            } else {
                console.printLine(measured.report)
            }
        }
    }

    /// This executable, which the ingest scenario runs its client from.
    private static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
