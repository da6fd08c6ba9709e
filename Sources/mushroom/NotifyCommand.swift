import ArgumentParser
import MushroomClient
import MushroomCommandLine
import MushroomRPC

/// `mushroom notify URL METHOD [JSON]`: sends a notification and exits 0 once the server confirmed
/// receiving it (so that closing cannot lose it); 3 when that takes longer than the timeout.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Send a notification and wait until the server received it.",
        discussion: """
            The timeout bounds the whole command, bootstrap and connection included. \
            Exit status: 0 delivered, 1 usage/connection/bootstrap error, 3 not confirmed in time.
            """
    )

    @Argument(help: "The server's bootstrap URL.") var url: String
    @Argument(help: "The notification's method.") var method: String
    @Argument(help: "The notification data as JSON (default null).") var json: String?
    @OptionGroup var options: ClientOptions
    @OptionGroup var tls: TLSOptions
    @Option(help: "Seconds to wait for the server to confirm delivery, connecting included (default: 30).", transform: ArgumentConversion.seconds(allowsZero: false))
    var timeout: Duration = .seconds(30)

    func run() async throws {
        try await CommandFailure.reporting {
            let data = try json.map { try parseJSONArgument($0, named: "JSON") } ?? .null
            let trust = try tls.trust()
            let (method, options, url, timeout) = (method, options, url, timeout)
            try await withDeadline(timeout, expired: Self.unconfirmed(within: timeout)) {
                let client = try await options.connect(to: url, handler: CommandLineHandler(), trust: trust)
                let outcome = await Self.deliver(method, data, on: client, timeout: timeout)
                await client.close()
                try outcome.get()
            }
        }
    }

    private static func unconfirmed(within timeout: Duration) -> CommandFailure {
        .timeout("the server did not confirm the notification within \(timeout.secondsDescription).")
    }

    private static func deliver(_ method: String, _ data: JSONValue, on client: MushroomClient, timeout: Duration) async -> Result<Void, CommandFailure> {
        let id: MessageID
        do {
            id = try client.notify(method, data)
        } catch {
            return .failure(.connection("\(error)."))
        }
        return await withTaskGroup(of: Result<Void, CommandFailure>.self) { group in
            group.addTask {
                do {
                    try await client.waitUntilDelivered(id)
                    return .success(())
                } catch {
                    return .failure(.connection("\(error)."))
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return .failure(unconfirmed(within: timeout))
            }
            defer { group.cancelAll() }
            return await group.next() ?? .failure(.connection("the notification was not sent."))
        }
    }
}
