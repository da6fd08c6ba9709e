import ServiceLifecycle

/// A server that listens: where, its sessions, and how to stop it.
public struct RunningMushroomServer: Sendable {
    /// The interface it listens on.
    public let host: String
    /// The port it listens on (the real one when port 0 was asked).
    public let port: Int
    /// The port serving `GET /metrics`, when the server serves metrics.
    public let metricsPort: Int?
    /// The base path, `""` for the root.
    public let basePath: String
    /// Whether it serves https and wss.
    public let usesTLS: Bool
    /// Every live session.
    public let sessions: SessionList
    let connections: ConnectionGate
    let group: ServiceGroup
    let run: Task<Void, any Error>

    /// The bootstrap URL, e.g. `http://127.0.0.1:8080/` (`https://` with TLS).
    public var url: String { "\(usesTLS ? "https" : "http")://\(authority(port: port))\(basePath)/" }

    /// The metrics URL, e.g. `http://127.0.0.1:9090/metrics`, when the server serves metrics.
    public var metricsURL: String? {
        metricsPort.map { "http://\(authority(port: $0))/metrics" }
    }

    private func authority(port: Int) -> String {
        "\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    /// The number of connections open now.
    public var connectionCount: Int { connections.count }

    /// How many connections were closed, or refused, to stay within `maximumConnections`.
    public var shedConnectionCount: Int { connections.shedCount }

    /// Shuts down gracefully: workloads stop, every session is sent a Disconnect `[-1]` and its
    /// socket or held poll is finished, then the HTTP server stops accepting and drains.
    public func shutdown() async {
        await group.triggerGracefulShutdown()
        _ = try? await run.value
    }

    /// Waits until the server has stopped (after `shutdown`, or a signal when the server was
    /// started with `shutdownOnSignals`); rethrows the error that stopped it, if any.
    public func waitUntilStopped() async throws {
        try await run.value
    }
}
