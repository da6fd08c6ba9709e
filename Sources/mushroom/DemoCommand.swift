import ArgumentParser
import Logging
import MushroomDemo
import MushroomServer

/// `mushroom demo`: the embedded demo server on a free loopback port, and the dashboard on it.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start the demo server on a free loopback port and open the dashboard on it.")

    @OptionGroup var options: ClientOptions
    @OptionGroup var dashboard: DashboardOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let settings = try dashboard.settings(config: try dashboard.file.load(), server: nil, servers: [])
            var configuration = MushroomServerConfiguration()
            configuration.port = 0
            configuration.logger.logLevel = .warning
            // The operator's view of the demo server's own sessions.
            configuration.adminToken = options.adminToken
            let server: RunningMushroomServer
            do {
                server = try await DemoServer.makeServer(configuration: configuration, options: DemoServer.Options()).start()
            } catch {
                throw CommandFailure.connection("The demo server could not start: \(error).")
            }
            do {
                try await DashboardSession.run(
                    targets: [DashboardTarget(name: "demo", url: server.url, options: options, configured: nil)], trust: .systemStore,
                    settings: settings)
            } catch {
                await server.shutdown()
                throw error
            }
            await server.shutdown()
        }
    }
}
