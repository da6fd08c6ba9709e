import MushroomRPC

/// One connection's worth of a transport: opens the session URL, moves frames between the wire
/// and the engine until the connection ends, and leaves every protocol rule to the engine.
protocol ClientTransport: Sendable {
    /// Runs one connection to `session`. Returns how it ended; throws `SessionNotFound` when
    /// the server does not know the session, any other error when the connection failed.
    func run(session: Endpoint, link: ConnectionLink) async throws -> ConnectionEnd
}

/// How a connection ended without failing.
enum ConnectionEnd: Sendable, Hashable {
    /// We sent a Disconnect: the client is closing.
    case clientDisconnected
    /// The server sent a Disconnect: its session is over.
    case peerDisconnected
    /// The connection closed; the session may resume on the same URL.
    case closed(reason: String)
    /// The connection closed before the server sent anything, and the server still knows the
    /// session; it does not count as a connection that opened.
    case closedBeforeAnyMessage
}

/// The server does not know the session (404, or a refused WebSocket upgrade): a new bootstrap is due.
struct SessionNotFound: Error, Hashable, CustomStringConvertible {
    let url: String
    var description: String { "the server does not know session \(url)" }
}

/// What a transport's connection talks to: the engine and the client's "connection opened"
/// callback.
struct ConnectionLink: Sendable {
    let engine: Engine
    /// Called once the connection is usable (WebSocket upgraded, poll session confirmed).
    let opened: @Sendable () -> Void

    /// Parses and receives one inbound frame; a malformed one is reported as a protocol-error
    /// event and dropped. Returns whether the server said Disconnect. With `heldUntilEndOfRead`,
    /// its notification waits for `engine.endOfRead()`.
    func receive(frame: some Collection<UInt8>, heldUntilEndOfRead: Bool = false) -> Bool {
        (try? engine.receive(frame: frame, heldUntilEndOfRead: heldUntilEndOfRead)) == .disconnect
    }

    /// Receives one inbound message parsed from `bytes`, its text as it arrived (an element of a
    /// poll answer). Returns whether the server said Disconnect. With `heldUntilEndOfRead`, its
    /// notification waits for `engine.endOfRead()`.
    func receive(_ message: Message, bytes: some Collection<UInt8>, heldUntilEndOfRead: Bool = false) -> Bool {
        engine.receive(message, bytes: bytes, heldUntilEndOfRead: heldUntilEndOfRead) == .disconnect
    }

    /// Runs one open connection: attaches it to the engine (which queues the unacknowledged
    /// messages on it again), reports the connection open, and runs `sending` (given the
    /// connection's batches as they come) and `receiving` side by side until either ends; then
    /// detaches.
    func exchange(
        sending: @escaping @Sendable (OutboundBatches) async throws -> ConnectionEnd,
        receiving: @escaping @Sendable () async throws -> ConnectionEnd
    ) async throws -> ConnectionEnd {
        let (wakes, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let connection = engine.attach(wake: { _ in wake.yield() })
        defer {
            engine.detach(connection)
            wake.finish()
        }
        let queue = OutboundBatches(connection: connection, wakes: wakes)
        opened()
        return try await withThrowingTaskGroup(of: ConnectionEnd.self) { group in
            group.addTask { try await sending(queue) }
            group.addTask { try await receiving() }
            defer { group.cancelAll() }
            guard let end = try await group.next() else { return .closed(reason: "the connection ended") }
            return end
        }
    }
}
