import NIOCore
import NIOPosix
import Synchronization

/// A TCP server on 127.0.0.1 (port 0) for the proxy's tests: it echoes what it receives, or only
/// keeps it, and records the bytes of each connection.
final class TestUpstream: Sendable {
    let port: Int
    private let server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private let received = Mutex<[[UInt8]]>([])
    private let ended = Mutex(0)
    private let loop = Mutex<Task<Void, Never>?>(nil)

    static func start(echo: Bool) async throws -> TestUpstream {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
        let upstream = TestUpstream(server: server)
        let task = Task { await upstream.serve(echo: echo) }
        upstream.loop.withLock { $0 = task }
        return upstream
    }

    private init(server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>) {
        self.server = server
        self.port = server.channel.localAddress?.port ?? 0
    }

    /// The bytes each connection brought so far, in the order the connections were accepted.
    var connections: [[UInt8]] { received.withLock { $0 } }

    /// How many connections have ended.
    var endedConnections: Int { ended.withLock { $0 } }

    func stop() async {
        try? await server.channel.close()
        let task = loop.withLock { $0 }
        task?.cancel()
        await task?.value
    }

    private func serve(echo: Bool) async {
        try? await server.executeThenClose { inbound in
            try await withThrowingDiscardingTaskGroup { group in
                for try await connection in inbound {
                    let index = received.withLock { connections in
                        connections.append([])
                        return connections.count - 1
                    }
                    group.addTask { [self] in
                        try? await connection.executeThenClose { bytesIn, bytesOut in
                            for try await bytes in bytesIn {
                                received.withLock { $0[index].append(contentsOf: bytes.readableBytesView) }
                                if echo { try await bytesOut.write(bytes) }
                            }
                        }
                        ended.withLock { $0 += 1 }
                    }
                }
            }
        }
    }
}

/// A client connection to the proxy: sends bytes, reads what comes back until the connection ends.
enum TestConnection {
    /// Sends `bytes` in one write, then reads until the connection closes or `expected` bytes came
    /// back; returns what came back.
    static func exchange(_ bytes: [UInt8], port: Int, expected: Int) async throws -> [UInt8] {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: bytes))
            var answer: [UInt8] = []
            do {
                for try await chunk in inbound {
                    answer.append(contentsOf: chunk.readableBytesView)
                    if answer.count >= expected { break }
                }
            } catch {
                // A reset ends the connection as well as a close does.
            }
            return answer
        }
    }
}
