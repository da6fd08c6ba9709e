import Foundation
import Logging
import MushroomRPC
import MushroomServer

/// The demo workload on a mushroom server: the reference peer's methods and ticker, topic
/// traffic and `client.ping` requests. Used by `mushroom serve --demo` and `mushroom demo`.
public struct DemoServer: Sendable {
    /// What the demo runs.
    public struct Options: Sendable {
        /// The `ticker.tick` period; `.zero` turns the ticker off (reference: 200 ms).
        public var tickInterval: Duration = .milliseconds(200)
        /// Whether topic traffic (orders, metrics, alerts, chat) is published.
        public var topicTraffic = true
        /// The `client.ping` period; `.zero` turns the pings off.
        public var pingInterval: Duration = .seconds(5)

        public init() {}
    }

    /// The server with the demo methods and the workloads `options` asks for.
    public static func makeServer(configuration: MushroomServerConfiguration, options: Options = Options()) -> MushroomServer {
        var workloads: [any ServerWorkload] = []
        if options.tickInterval > .zero { workloads.append(Ticker(interval: options.tickInterval)) }
        if options.topicTraffic { workloads.append(TopicTraffic()) }
        if options.pingInterval > .zero {
            workloads.append(ClientPinger(interval: options.pingInterval, logger: configuration.logger))
        }
        return MushroomServer(configuration: configuration, workloads: workloads) { sessions in
            DemoMethods.handler(sessions: sessions)
        }
    }

}
