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
            """#
    )

    @Argument(help: "The server's bootstrap URL.") var url: String
    @OptionGroup var options: ClientOptions
    @OptionGroup var tls: TLSOptions
    @Flag(help: "Print one compact JSON object per notification.") var json = false
    @Option(help: "Stop after this many notifications.") var count: Int?
    @Option(help: "Subscribe to this topic pattern with positions ('#' for every topic; repeatable).")
    var subscribe: [String] = []

    func run() async throws {
        try await CommandFailure.reporting {
            if let count, count < 1 { throw CommandFailure.usage("--count must be at least 1.") }
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
}
