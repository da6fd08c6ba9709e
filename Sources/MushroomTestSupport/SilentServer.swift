import NIOCore
import NIOPosix

/// A TCP listener on 127.0.0.1 (port 0) that accepts every connection and never answers (or
/// answers in plain HTTP and closes), for tests of what a client does with a server that hangs
/// (or that does not speak TLS).
public final class SilentServer: Sendable {
    public let port: Int
    private let channel: any Channel

    /// `http://127.0.0.1:PORT/`.
    public var url: String { "http://127.0.0.1:\(port)/" }

    /// Starts listening. With `answeringPlainHTTP`, a connection's first bytes are answered with a
    /// plain HTTP 400 and the connection closed, on its event loop: a server that speaks no TLS to
    /// a TLS client (no task has to run for it, however busy the process).
    public static func start(answeringPlainHTTP: Bool = false) async throws -> SilentServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                answeringPlainHTTP ? channel.pipeline.addHandler(PlainHTTPRefusal()) : channel.eventLoop.makeSucceededVoidFuture()
            }
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

/// Answers whatever arrives first with a plain HTTP 400 and closes the connection.
private final class PlainHTTPRefusal: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let answer = context.channel.allocator.buffer(string: "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(answer)).whenComplete { _ in channel.close(promise: nil) }
    }
}
