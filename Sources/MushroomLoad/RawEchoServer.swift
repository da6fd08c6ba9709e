import Hummingbird
import HummingbirdWebSocket
import Logging

/// The practical limit of the benchmarks: a bare Hummingbird WebSocket server that sends every
/// text message straight back, with no protocol on top. It accepts an upgrade at any path.
public enum RawEchoServer {
    /// The largest message accepted, the same as a mushroom server's (`maximumMessageSize`), so
    /// that the comparison is like for like (Hummingbird's default is 16 KiB).
    public static let maximumFrameSize = 1 << 20

    /// Listens on `host`:`port` (0 picks a free port) until the task is cancelled (or, with
    /// `shutdownOnSignals`, SIGINT or SIGTERM arrives); `onListening` is told the port once the
    /// server listens.
    public static func run(
        host: String = "127.0.0.1", port: Int = 0, shutdownOnSignals: Bool = false,
        onListening: @escaping @Sendable (Int) -> Void
    ) async throws {
        var logger = Logger(label: "mushroom.raw-echo")
        logger.logLevel = .critical
        let application = Application(
            router: Router(),
            server: .http1WebSocketUpgrade(
                configuration: .init(ws: .init(maxFrameSize: maximumFrameSize, autoPing: .disabled))
            ) { _, _, _ in
                .upgrade([:]) { inbound, outbound, _ in
                    for try await message in inbound.messages(maxSize: maximumFrameSize) {
                        switch message {
                        case .text(let text): try await outbound.write(.text(text))
                        case .binary(let buffer): try await outbound.write(.binary(buffer))
                        }
                    }
                }
            },
            configuration: .init(address: .hostname(host, port: port), serverName: "mushroom-raw-echo"),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        if shutdownOnSignals {
            try await application.runService()
        } else {
            try await application.run()
        }
    }
}
