import ArgumentParser
import MushroomClient
import MushroomCommandLine
import MushroomRPC

/// `mushroom call URL METHOD [JSON]`: one request; the answer's data on stdout (exit 0), an Error
/// reply's data on stderr (exit 2), a timeout exits 3, anything else 1.
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Send a request and print the response data as compact JSON.",
        discussion: """
            The timeout bounds the whole command, bootstrap and connection included. \
            Exit status: 0 answered, 1 usage/connection/bootstrap error, 2 Error reply (its data on stderr), 3 timeout.
            """
    )

    @Argument(help: "The server's bootstrap URL, e.g. http://127.0.0.1:39288/.") var url: String
    @Argument(help: "The method to call.") var method: String
    @Argument(help: "The request data as JSON (default null).") var json: String?
    @OptionGroup var options: ClientOptions
    @OptionGroup var tls: TLSOptions
    @Option(help: "Seconds to wait for the answer, connecting included (default: 30).", transform: ArgumentConversion.seconds(allowsZero: false))
    var timeout: Duration = .seconds(30)

    func run() async throws {
        try await CommandFailure.reporting {
            let data = try json.map { try parseJSONArgument($0, named: "JSON") } ?? .null
            let trust = try tls.trust()
            let (method, options, url, timeout) = (method, options, url, timeout)
            let expired = CommandFailure.timeout("\(RequestTimeout(method: method, timeout: timeout)).")
            let answer = try await withDeadline(timeout, expired: expired) {
                let client = try await options.connect(to: url, handler: CommandLineHandler(), trust: trust)
                let outcome: Result<JSONValue, CommandFailure>
                do {
                    outcome = .success(try await client.request(method, data, timeout: timeout))
                } catch let error as RequestException {
                    outcome = .failure(.errorReply(error.data))
                } catch let error as RequestTimeout {
                    outcome = .failure(.timeout("\(error)."))
                } catch {
                    outcome = .failure(.connection("\(error)."))
                }
                await client.close()
                return try outcome.get()
            }
            console.printLine(answer.compactString)
        }
    }
}
