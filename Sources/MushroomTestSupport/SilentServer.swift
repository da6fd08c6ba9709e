import NIOCore
import NIOPosix

/// A TCP listener on 127.0.0.1 (port 0) that accepts every connection and never answers, for
/// tests of what a client does with a server that hangs.
public final class SilentServer: Sendable {
    public let port: Int
    private let channel: any Channel

    /// `http://127.0.0.1:PORT/`.
    public var url: String { "http://127.0.0.1:\(port)/" }

    /// Starts listening.
    public static func start() async throws -> SilentServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        return SilentServer(channel: channel, port: channel.localAddress?.port ?? 0)
    }

    private init(channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    /// Stops listening (the connections accepted stay open until their clients leave).
    public func stop() async {
        try? await channel.close()
    }
}
