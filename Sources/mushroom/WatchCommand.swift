import ArgumentParser
import MushroomClient
import MushroomRecording
import MushroomRPC

/// `mushroom watch URL`: prints every notification the server sends, one line each, until
/// interrupted or, with `--count N`, after N of them; `--record FILE` records the session, and
/// `watch --replay FILE` prints a recording's notifications instead, and `--alerts` the alerts
/// of its rules.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Print every notification the server sends.",
        discussion: #"""
            With --json each line is exactly {"id":ID,"method":"NAME","data":DATA}. With --subscribe, the \
            notifications of a mushroom cluster also carry their place in its stream, \
            {"id":ID,"method":"NAME","data":DATA,"position":{"epoch":EPOCH,"offset":N}}, and a new \
            session after a lost one first receives what the lost one missed; when it cannot, a line \
            {"event":"not_recovered","since":POSITION,"reason":"..."} says so. With --record FILE every \
            message in and out and every connection change is also written to FILE; watch --replay FILE \
            prints the notifications of such a recording as they were printed live (as fast as it reads, \
            or with --speed at a multiple of their timing).

            With --alerts it prints no notifications but the alerts of the rules of --alert and the \
            config file, when each fires, {"alert":"fired","rule":RULE,"detail":DETAIL,"time":TIME}, \
            and when it clears, {"alert":"cleared","rule":RULE,"time":TIME} (TIME in ISO 8601 UTC); \
            --count then counts these lines.
            """#
    )

    @Argument(help: "The server's bootstrap URL (none with --replay).") var url: String?
    @OptionGroup var options: ClientOptions
    @OptionGroup var tls: TLSOptions
    @Flag(help: "Print one compact JSON object per notification.") var json = false
    @Option(help: "Stop after this many notifications (alert lines with --alerts).") var count: Int?
    @Flag(help: "Print the alerts as they fire and clear, one JSON object a line, instead of the notifications.")
    var alerts = false
    @OptionGroup var file: ConfigOptions
    @Option(help: "Subscribe to this topic pattern with positions ('#' for every topic; repeatable).")
    var subscribe: [String] = []
    @OptionGroup var recording: RecordingOptions

    func run() async throws {
        try await CommandFailure.reporting {
            if let count, count < 1 { throw CommandFailure.usage("--count must be at least 1.") }
            let printer = NotificationPrinter(format: json ? .json : .human, limit: count, console: console)
            let url: String
            let recorder: TrafficRecorder?
            switch try recording.mode(url: self.url) {
            case .replay(let path, let speed):
                if !subscribe.isEmpty { throw CommandFailure.usage("--subscribe does not apply to --replay.") }
                if alerts { throw CommandFailure.usage("--alerts does not apply to --replay.") }
                return try await WatchReplay.play(try RecordingReader.opening(path), speed: speed ?? .max, printer: printer)
            case .live(let live, let record):
                url = live
                recorder = try record.map { try TrafficRecorder.creating($0) { console.printError("mushroom: \($0)") } }
            }
            if alerts { return try await watchAlerts(url: url, recorder: recorder) }
            let trust = try tls.trust()
            let subscribe = subscribe
            let client = try await options.connect(to: url, handler: CommandLineHandler { printer.enqueue($0) }, trust: trust) { configuration in
                recorder?.record(into: &configuration, url: url)
                guard !subscribe.isEmpty else { return }
                configuration.positionedTopics = subscribe
                configuration.onNotRecovered = { since, reason in printer.notRecovered(since: since, reason: reason) }
            }
            await printer.run()
            await client.close()
            await recorder?.finished()
        }
    }

    /// `--alerts`: the alert lines instead of the notifications.
    private func watchAlerts(url: String, recorder: TrafficRecorder?) async throws {
        let config = try file.load()
        let rules = try file.alerts(in: config, servers: [])
        guard !rules.isEmpty else {
            throw CommandFailure.usage(
                config.alerts.isEmpty
                    ? "--alerts needs alert rules: give --alert RULE, or [alerts] in the config file."
                    : "--alerts needs alert rules: every rule of the config file names a server (on NAME), and watch's server has no name; give --alert RULE.")
        }
        let client = try await options.connect(to: url, handler: CommandLineHandler { _ in }, trust: try tls.trust()) { configuration in
            recorder?.record(into: &configuration, url: url)
        }
        await AlertWatch.run(events: client.events(), rules: rules, limit: count, console: console)
        await client.close()
        await recorder?.finished()
    }
}
