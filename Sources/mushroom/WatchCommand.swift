import ArgumentParser
import MushroomClient
import MushroomRPC

/// `mushroom watch URL`: prints every notification the server sends, one line each, until
/// interrupted or, with `--count N`, after N of them.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Print every notification the server sends.",
        discussion: #"""
            With --json each line is exactly {"id":ID,"method":"NAME","data":DATA}. With --subscribe, the \
            notifications of a mushroom cluster also carry their place in its stream, \
            {"id":ID,"method":"NAME","data":DATA,"position":{"epoch":EPOCH,"offset":N}}, and a new \
            session after a lost one first receives what the lost one missed; when it cannot, a line \
            {"event":"not_recovered","since":POSITION,"reason":"..."} says so.

            With --alerts it prints no notifications but the alerts of the rules of --alert and the \
            config file, when each fires, {"alert":"fired","rule":RULE,"detail":DETAIL,"time":TIME}, \
            and when it clears, {"alert":"cleared","rule":RULE,"time":TIME} (TIME in ISO 8601 UTC); \
            --count then counts these lines.
            """#
    )

    @Argument(help: "The server's bootstrap URL.") var url: String
    @OptionGroup var options: ClientOptions
    @OptionGroup var tls: TLSOptions
    @Flag(help: "Print one compact JSON object per notification.") var json = false
    @Option(help: "Stop after this many notifications (alert lines with --alerts).") var count: Int?
    @Flag(help: "Print the alerts as they fire and clear, one JSON object a line, instead of the notifications.")
    var alerts = false
    @OptionGroup var file: ConfigOptions
    @Option(help: "Subscribe to this topic pattern with positions ('#' for every topic; repeatable).")
    var subscribe: [String] = []

    func run() async throws {
        try await CommandFailure.reporting {
            if let count, count < 1 { throw CommandFailure.usage("--count must be at least 1.") }
            if alerts { return try await watchAlerts() }
            let printer = NotificationPrinter(format: json ? .json : .human, limit: count, console: console)
            let trust = try tls.trust()
            let subscribe = subscribe
            let client = try await options.connect(to: url, handler: CommandLineHandler { printer.enqueue($0) }, trust: trust) { configuration in
                guard !subscribe.isEmpty else { return }
                configuration.positionedTopics = subscribe
                configuration.onNotRecovered = { since, reason in printer.notRecovered(since: since, reason: reason) }
            }
            await printer.run()
            await client.close()
        }
    }

    /// `--alerts`: the alert lines instead of the notifications.
    private func watchAlerts() async throws {
        let rules = try file.alerts(in: try file.load())
        guard !rules.isEmpty else {
            throw CommandFailure.usage("--alerts needs alert rules: give --alert RULE, or [alerts] in the config file.")
        }
        let client = try await options.connect(to: url, handler: CommandLineHandler { _ in }, trust: try tls.trust())
        await AlertWatch.run(events: client.events(), rules: rules, limit: count, console: console)
        await client.close()
    }
}
