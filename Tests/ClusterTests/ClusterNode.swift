import Foundation
import MushroomCluster
import MushroomDemo
import MushroomServer

/// A cluster node in the test's process: the demo's methods (`publish`, `publish_topic`) with
/// its ticker, topic traffic and pings off, on a free loopback port, on `database`'s log.
struct ClusterNode: Sendable {
    let name: String
    let running: RunningMushroomServer

    static func start(
        _ name: String, on database: ClusterDatabase, configure: (inout MushroomServerConfiguration) -> Void = { _ in }
    ) async throws -> ClusterNode {
        var configuration = MushroomServerConfiguration()
        configuration.port = 0
        configuration.nodeName = name
        configuration.cluster = try database.log(node: name)
        configuration.logger.logLevel = .critical
        configure(&configuration)
        var options = DemoServer.Options()
        options.tickInterval = .zero
        options.topicTraffic = false
        options.pingInterval = .zero
        let running = try await DemoServer.makeServer(configuration: configuration, options: options).start()
        return ClusterNode(name: name, running: running)
    }

    var url: String { running.url }

    func stop() async { await running.shutdown() }
}

/// Starts a node for each name, runs `body`, and stops them whatever happens.
func withClusterNodes<Result: Sendable>(
    _ names: [String], on database: ClusterDatabase, configure: @Sendable (inout MushroomServerConfiguration) -> Void = { _ in },
    _ body: ([ClusterNode]) async throws -> Result
) async throws -> Result {
    var nodes: [ClusterNode] = []
    do {
        for name in names { nodes.append(try await ClusterNode.start(name, on: database, configure: configure)) }
        let result = try await body(nodes)
        for node in nodes { await node.stop() }
        return result
    } catch {
        for node in nodes { await node.stop() }
        throw error
    }
}
