import ArgumentParser
import DashboardUI
import MushroomClient
import MushroomRPC
import Synchronization

/// The connection options shared by `call`, `notify`, `watch`, `dash` and `demo` (those that
/// connect to a server of their own choosing add `TLSOptions`), and the plumbing they share:
/// one-sentence errors with the exit status scripts rely on.
struct ClientOptions: ParsableArguments {
    @Option(help: "The transport to use: ws or poll (default: ws, falling back to poll).")
    var transport: String?

    @Option(help: "The bootstrap auth value, as JSON.")
    var auth: String?

    @Option(help: "The server's admin token: adds \"admin\": TOKEN to the bootstrap auth (an object), for the mushroom.* admin methods.")
    var adminToken: String?

    /// Takes `server`'s transport, auth and admin token where these options leave them out.
    mutating func fill(from server: ConfiguredServer) {
        transport = transport ?? server.transport
        auth = auth ?? server.auth?.compactString
        adminToken = adminToken ?? server.adminToken
    }

    /// The transports to offer, in order.
    func transports() throws -> [TransportKind] {
        guard let transport else { return [.webSocket, .poll] }
        guard let kind = TransportKind(rawValue: transport) else {
            throw CommandFailure.usage("--transport must be ws or poll, not '\(transport)'.")
        }
        return [kind]
    }

    /// The `--auth` value, with `"admin": TOKEN` added for `--admin-token`.
    func authValue() throws -> JSONValue {
        let value = try auth.map { try parseJSONArgument($0, named: "--auth") } ?? .null
        guard let adminToken else { return value }
        switch value {
        case .null: return ["admin": .string(adminToken)]
        case .object(var members):
            members["admin"] = .string(adminToken)
            return .object(members)
        default:
            throw CommandFailure.usage("--admin-token needs --auth to be a JSON object, got \(value.compactString).")
        }
    }

    /// Checks the options and `url` without connecting: the usage errors `connect` would throw.
    func check(url: String) throws {
        _ = try transports()
        _ = try authValue()
        do {
            _ = try Endpoint(parsing: url, schemes: [.http, .https])
        } catch {
            throw CommandFailure.usage(BootstrapError.invalidURL(error).description)
        }
    }

    /// Bootstraps and connects, answering server requests with `handler`, trusting `trust` for
    /// https; `configure` adjusts the client's configuration first.
    func connect(
        to url: String, handler: CommandLineHandler, trust: TLSTrust, configure: (inout ClientConfiguration) -> Void = { _ in }
    ) async throws -> MushroomClient {
        let transports = try transports()
        let auth = try authValue()
        var configuration = ClientConfiguration()
        configuration.tlsTrust = trust
        configuration.logger.logLevel = .critical
        configuration.engine.logger.logLevel = .critical
        configure(&configuration)
        do {
            return try await MushroomClient.connect(
                url: url, transports: transports, auth: auth, handler: handler, configuration: configuration)
        } catch {
            throw CommandFailure.connection("\(error)")
        }
    }
}

/// Parses a JSON command-line argument; a syntax error names the argument and the position.
func parseJSONArgument(_ text: String, named name: String) throws -> JSONValue {
    do {
        return try JSONValue(parsing: text)
    } catch {
        throw CommandFailure.usage("The \(name) argument is not valid JSON: \(error.reason) at character \(error.offset + 1).")
    }
}

/// How a client command ends in failure: one line on stderr and an exit status.
enum CommandFailure: Error {
    /// A usage, connection or bootstrap error: exit 1.
    case usage(String)
    case connection(String)
    /// The server answered with an Error: its data on stderr, exit 2.
    case errorReply(JSONValue)
    /// No answer in time: exit 3.
    case timeout(String)

    var exitCode: ExitCode {
        switch self {
        case .usage, .connection: ExitCode(1)
        case .errorReply: ExitCode(2)
        case .timeout: ExitCode(3)
        }
    }

    var message: String {
        switch self {
        case .usage(let text), .connection(let text), .timeout(let text): "mushroom: \(text)"
        case .errorReply(let data): data.compactString
        }
    }
}

/// Runs `body` within `timeout`: past it, `expired` is thrown at once, without waiting for `body`
/// to notice its cancellation (a connection attempt may take its own time to give up).
func withDeadline<Value: Sendable>(
    _ timeout: Duration, expired: CommandFailure, _ body: @escaping @Sendable () async throws -> Value
) async throws -> Value {
    let pending = Mutex<CheckedContinuation<Result<Value, any Error>, Never>?>(nil)
    let finish = { @Sendable (outcome: Result<Value, any Error>) in
        pending.withLock { $0.take() }?.resume(returning: outcome)
    }
    return try await withCheckedContinuation { continuation in
        pending.withLock { $0 = continuation }
        let work = Task {
            do {
                finish(.success(try await body()))
            } catch {
                finish(.failure(error))
            }
        }
        Task {
            try? await Task.sleep(for: timeout)
            // The deadline's outcome first: the cancelled work may end at once with its own error.
            finish(.failure(expired))
            work.cancel()
        }
    }.get()
}

extension CommandFailure {
    /// Runs a client command body: a `CommandFailure` is printed on stderr and becomes its exit status.
    static func reporting(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CommandFailure {
            console.printError(failure.message)
            throw failure.exitCode
        }
    }
}
