import Logging
import MushroomDemo
import MushroomServer

/// Runs `body` against a quiet demo server (no ticker, traffic or pings) on 127.0.0.1 port 0.
func withDemoServer(_ body: (RunningMushroomServer) async throws -> Void) async throws {
    var configuration = MushroomServerConfiguration()
    configuration.port = 0
    configuration.logger = Logger(label: "test.load")
    configuration.logger.logLevel = .critical
    var options = DemoServer.Options()
    options.tickInterval = .zero
    options.topicTraffic = false
    options.pingInterval = .zero
    let server = try await DemoServer.makeServer(configuration: configuration, options: options).start()
    do {
        try await body(server)
    } catch {
        await server.shutdown()
        throw error
    }
    await server.shutdown()
}
