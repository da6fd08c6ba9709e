import NIOCore
import NIOPosix
import Synchronization

/// A TCP proxy on 127.0.0.1 (port 0) in front of a server, for fault injection: it forwards bytes
/// both ways; on command it drops every open connection, silently freezes them (a dead peer that
/// never answers, without closing), or moves to another upstream (a restarted server); and with a
/// `FaultPlan` it cuts, delays, stalls and splits what it forwards.
///
/// ```swift
/// let proxy = try await TCPProxy.start(targetPort: server.port, faults: FaultPlan(seed: 42))
/// // ... clients connect to proxy.port ...
/// print(proxy.acceptedConnections, proxy.cuts)
/// await proxy.stop()
/// ```
public final class TCPProxy: Sendable {
    /// The port the proxy listens on.
    public let port: Int
    private let server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private let connections = Mutex<[ObjectIdentifier: any Channel]>([:])
    private let frozen = Mutex<Set<ObjectIdentifier>>([])
    private let target: Mutex<(host: String, port: Int)>
    private let plan: Mutex<FaultPlan?>
    private let accepted = Atomic<Int>(0)
    private let cutCount = Atomic<Int>(0)
    private let acceptLoop = Mutex<Task<Void, Never>?>(nil)

    /// Starts a proxy forwarding to `targetHost`:`targetPort`, with `faults` if given.
    public static func start(targetHost: String = "127.0.0.1", targetPort: Int, faults: FaultPlan? = nil) async throws -> TCPProxy {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
        let proxy = TCPProxy(
            server: server, port: server.channel.localAddress?.port ?? 0, target: (targetHost, targetPort), faults: faults)
        let task = Task { await proxy.accept() }
        proxy.acceptLoop.withLock { $0 = task }
        return proxy
    }

    private init(
        server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>, port: Int,
        target: (host: String, port: Int), faults: FaultPlan?
    ) {
        self.server = server
        self.port = port
        self.target = Mutex(target)
        self.plan = Mutex(faults)
    }

    /// How many client connections the proxy accepted so far.
    public var acceptedConnections: Int { accepted.load(ordering: .relaxed) }

    /// How many connections the fault plan cut so far.
    public var cuts: Int { cutCount.load(ordering: .relaxed) }

    /// The fault plan applied to connections accepted from now on; `nil` forwards them faithfully.
    /// Open connections keep the plan they were accepted with.
    public var faults: FaultPlan? {
        get { plan.withLock { $0 } }
        set { plan.withLock { $0 = newValue } }
    }

    /// Forwards connections accepted from now on to `host`:`port` (a restarted server); open
    /// connections stay with the old upstream until dropped.
    public func retarget(host: String = "127.0.0.1", port: Int) {
        target.withLock { $0 = (host, port) }
    }

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

    private func accept() async {
        try? await server.executeThenClose { inbound in
            try await withThrowingDiscardingTaskGroup { group in
                for try await client in inbound {
                    let number = accepted.add(1, ordering: .relaxed).newValue
                    let (host, port) = target.withLock { $0 }
                    let faults = plan.withLock { $0 }.map { ConnectionFaults(plan: $0, connection: number) }
                    group.addTask { [self] in
                        try? await forward(client, to: host, port: port, faults: faults)
                    }
                }
            }
        }
    }

    private func forward(
        _ client: NIOAsyncChannel<ByteBuffer, ByteBuffer>, to host: String, port: Int, faults: ConnectionFaults?
    ) async throws {
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
        let ends = Ends(client: client.channel, upstream: upstream.channel)
        try await client.executeThenClose { clientIn, clientOut in
            try await upstream.executeThenClose { upstreamIn, upstreamOut in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await self.pump(clientIn, to: upstreamOut, direction: .toServer, faults: faults, ends: ends)
                    }
                    group.addTask {
                        try await self.pump(upstreamIn, to: clientOut, direction: .toClient, faults: faults, ends: ends)
                    }
                    defer { group.cancelAll() }
                    try await group.next()
                }
            }
        }
    }

    /// Forwards one direction until its side closes or the fault plan cuts the connection.
    private func pump(
        _ inbound: NIOAsyncChannelInboundStream<ByteBuffer>, to outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        direction: ConnectionFaults.Direction, faults: ConnectionFaults?, ends: Ends
    ) async throws {
        guard let faults else {
            for try await bytes in inbound where !isFrozen(ends.client) { try await outbound.write(bytes) }
            return
        }
        var generator = faults.generator(for: direction)
        for try await bytes in inbound where !isFrozen(ends.client) {
            for step in faults.steps(for: bytes, using: &generator) {
                switch step {
                case .pause(let duration):
                    try await Task.sleep(for: duration)
                case .forward(let chunk):
                    try await outbound.write(chunk)
                case .cut(let chunk, let reset):
                    if chunk.readableBytes > 0 { try await outbound.write(chunk) }
                    cut(ends, reset: reset)
                    return
                }
            }
        }
    }

    /// Cuts a connection at both ends, with a reset (RST) or a close (FIN).
    private func cut(_ ends: Ends, reset: Bool) {
        cutCount.add(1, ordering: .relaxed)
        for channel in [ends.client, ends.upstream] {
            guard reset, let socket = channel as? any SocketOptionProvider else {
                channel.close(promise: nil)
                continue
            }
            // Lingering zero seconds makes the close a reset.
            socket.setSoLinger(NIOLinger(l_onoff: 1, l_linger: 0)).whenComplete { _ in
                channel.close(promise: nil)
            }
        }
    }

    /// The two channels of one proxied connection.
    private struct Ends: Sendable {
        let client: any Channel
        let upstream: any Channel
    }

    private func register(_ channel: any Channel) {
        connections.withLock { $0[ObjectIdentifier(channel)] = channel }
    }

    private func unregister(_ channel: any Channel) {
        connections.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }
}
