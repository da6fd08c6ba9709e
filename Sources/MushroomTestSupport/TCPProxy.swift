import NIOCore
import NIOPosix
import Synchronization

/// A TCP proxy on 127.0.0.1 (port 0) in front of a server, for fault injection: it forwards bytes
/// both ways, and on command drops every open connection or silently freezes them (a dead peer
/// that never answers, without closing).
public final class TCPProxy: Sendable {
    /// The port the proxy listens on.
    public let port: Int
    private let server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private let connections = Mutex<[ObjectIdentifier: any Channel]>([:])
    private let frozen = Mutex<Set<ObjectIdentifier>>([])
    private let accepted = Atomic<Int>(0)
    private let acceptLoop = Mutex<Task<Void, Never>?>(nil)

    /// Starts a proxy forwarding to `targetHost`:`targetPort`.
    public static func start(targetHost: String = "127.0.0.1", targetPort: Int) async throws -> TCPProxy {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
        let proxy = TCPProxy(server: server, port: server.channel.localAddress?.port ?? 0)
        let task = Task { await proxy.accept(targetHost: targetHost, targetPort: targetPort) }
        proxy.acceptLoop.withLock { $0 = task }
        return proxy
    }

    private init(server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>, port: Int) {
        self.server = server
        self.port = port
    }

    /// How many client connections the proxy accepted so far.
    public var acceptedConnections: Int { accepted.load(ordering: .relaxed) }

    /// Closes every open connection, both the client's and the server's side.
    public func dropAllConnections() {
        let open = connections.withLock { connections in
            defer { connections.removeAll() }
            return Array(connections.values)
        }
        for channel in open { channel.close(promise: nil) }
    }

    /// Stops forwarding on every open connection without closing it: bytes are swallowed both ways.
    /// Connections accepted later are forwarded normally.
    public func freezeAllConnections() {
        let open = connections.withLock { Set($0.keys) }
        frozen.withLock { $0.formUnion(open) }
    }

    private func isFrozen(_ channel: any Channel) -> Bool {
        frozen.withLock { $0.contains(ObjectIdentifier(channel)) }
    }

    /// Stops listening and drops every connection.
    public func stop() async {
        try? await server.channel.close()
        dropAllConnections()
        let task = acceptLoop.withLock { $0 }
        task?.cancel()
        await task?.value
    }

    private func accept(targetHost: String, targetPort: Int) async {
        try? await server.executeThenClose { inbound in
            try await withThrowingDiscardingTaskGroup { group in
                for try await client in inbound {
                    accepted.add(1, ordering: .relaxed)
                    group.addTask { [self] in
                        try? await forward(client, to: targetHost, port: targetPort)
                    }
                }
            }
        }
    }

    private func forward(_ client: NIOAsyncChannel<ByteBuffer, ByteBuffer>, to host: String, port: Int) async throws {
        register(client.channel)
        defer { unregister(client.channel) }
        let upstream: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            upstream = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            // Nothing to forward to: the client sees its connection accepted and closed at once.
            try? await client.channel.close()
            throw error
        }
        register(upstream.channel)
        defer { unregister(upstream.channel) }
        try await client.executeThenClose { clientIn, clientOut in
            try await upstream.executeThenClose { upstreamIn, upstreamOut in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await bytes in clientIn where !self.isFrozen(client.channel) { try await upstreamOut.write(bytes) }
                    }
                    group.addTask {
                        for try await bytes in upstreamIn where !self.isFrozen(client.channel) { try await clientOut.write(bytes) }
                    }
                    defer { group.cancelAll() }
                    try await group.next()
                }
            }
        }
    }

    private func register(_ channel: any Channel) {
        connections.withLock { $0[ObjectIdentifier(channel)] = channel }
    }

    private func unregister(_ channel: any Channel) {
        connections.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }
}
