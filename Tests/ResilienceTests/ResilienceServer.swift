import Logging
import MushroomRPC
import MushroomServer

/// The in-process server of the resilience tests: 127.0.0.1, port 0 unless told, quiet logs, and
/// two methods: `echo` answers its data, `wait` sleeps its data's seconds.
enum ResilienceServer {
    static func start(port: Int = 0) async throws -> RunningMushroomServer {
        var configuration = MushroomServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = port
        configuration.logger = Logger(label: "resilience.server")
        configuration.logger.logLevel = .critical
        return try await MushroomServer(configuration: configuration, handler: handler).start()
    }

    private static let handler: any RPCHandler = {
        var registry = RegistryDispatcher()
        try? registry.register("echo") { call in call.data }
        try? registry.register("wait") { call in
            try await Task.sleep(for: .seconds(call.data.doubleValue ?? 1))
            return "waited"
        }
        return registry
    }()
}
