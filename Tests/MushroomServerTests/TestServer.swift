import Logging
import MushroomRPC
import MushroomServer
import Testing

/// Runs `body` against a server on 127.0.0.1 port 0, then shuts it down.
func withServer(
    handler: any RPCHandler = TestMethods.handler,
    sessionHandler: any SessionHandler = OpenSessionHandler(),
    _ configure: (inout MushroomServerConfiguration) -> Void = { _ in },
    _ body: (RunningMushroomServer) async throws -> Void
) async throws {
    var configuration = testConfiguration
    configure(&configuration)
    try await withRunning(MushroomServer(configuration: configuration, handler: handler, sessionHandler: sessionHandler), body)
}

/// 127.0.0.1, port 0, quiet logs.
var testConfiguration: MushroomServerConfiguration {
    var configuration = MushroomServerConfiguration()
    configuration.port = 0
    configuration.logger = Logger(label: "test.server")
    configuration.logger.logLevel = .critical
    return configuration
}

/// Starts `server`, runs `body` against it, then shuts it down.
func withRunning(_ server: MushroomServer, _ body: (RunningMushroomServer) async throws -> Void) async throws {
    let running = try await server.start()
    do {
        try await body(running)
    } catch {
        await running.shutdown()
        throw error
    }
    await running.shutdown()
}

/// Methods the server tests call.
enum TestMethods {
    static let handler: any RPCHandler = {
        var registry = RegistryDispatcher()
        try? registry.register("echo") { call in call.data }
        try? registry.register("wait") { call in
            try await Task.sleep(for: .seconds(call.data.doubleValue ?? 1))
            return "waited"
        }
        try? registry.register("ask_client") { call in
            try await call.engine.request("client.ping", call.data, timeout: .seconds(10))
        }
        return registry
    }()
}

/// A session handler that accepts only `{"token": "sesame"}`.
struct TokenSessionHandler: SessionHandler {
    func authenticate(_ auth: JSONValue, transport: TransportKind) async -> Bool {
        auth == ["token": "sesame"]
    }
}

/// Bootstraps a WebSocket session and opens its socket; returns once the server attached it, so
/// that what the test sends next goes out on this socket.
func openWebSocket(_ server: RunningMushroomServer) async throws -> (TestWebSocket, Session) {
    let url = try await TestHTTP.bootstrap(server.url, transports: ["ws"])
    let socket = try await TestWebSocket.connect(url)
    let session = try #require(server.sessions.session(id: String(url.split(separator: "/").last ?? "")))
    try #require(await eventually { session.engine.isAttached })
    return (socket, session)
}

/// Polls until `condition` holds (at most about 10 s); for states reached asynchronously.
func eventually(_ condition: () -> Bool) async -> Bool {
    for _ in 0..<1000 {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}
