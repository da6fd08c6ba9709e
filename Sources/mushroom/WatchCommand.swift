import ArgumentParser
import MushroomClient
import MushroomRPC

/// `mushroom watch URL`: prints every notification the server sends, one line each, until
/// interrupted or, with `--count N`, after N of them.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Print every notification the server sends.",
        discussion: #"With --json each line is exactly {"id":ID,"method":"NAME","data":DATA}."#
    )

    @Argument(help: "The server's bootstrap URL.") var url: String
    @OptionGroup var options: ClientOptions
    @Flag(help: "Print one compact JSON object per notification.") var json = false
    @Option(help: "Stop after this many notifications.") var count: Int?

    func run() async throws {
        try await CommandFailure.reporting {
            if let count, count < 1 { throw CommandFailure.usage("--count must be at least 1.") }
            // What arrived while the last lines were written is written at once, in one write.
            let notifications = BatchQueue<RPCCall>()
            let client = try await options.connect(to: url, handler: CommandLineHandler { notifications.push($0) })
            var left = count ?? Int.max
            while left > 0, let batch = await notifications.next() {
                let lines = batch.prefix(left).map { json ? Self.jsonLine($0) : Self.humanLine($0) }
                console.printLines(lines)
                left -= lines.count
            }
            await client.close()
        }
    }

    /// `{"id":ID,"method":"NAME","data":DATA}`, compact, keys in that order.
    static func jsonLine(_ call: RPCCall) -> String {
        #"{"id":\#(call.id),"method":\#(JSONValue.string(call.method).compactString),"data":\#(call.data.compactString)}"#
    }

    /// `#ID METHOD DATA`.
    static func humanLine(_ call: RPCCall) -> String {
        "#\(call.id) \(call.method) \(call.data.compactString)"
    }
}
