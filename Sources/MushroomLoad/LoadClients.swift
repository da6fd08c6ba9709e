import MushroomClient
import MushroomRPC

/// Opens and closes the `MushroomClient`s of a run.
enum LoadClients {
    /// How many bootstraps run at once, so that a small server is not flooded while connecting.
    static let connectingAtOnce = 8

    /// Connects `count` clients to the server at `url` answering with `handler`, trusting
    /// `trust` for https. On a failure the clients already open are closed and the first error is
    /// rethrown (a `BootstrapError` or `ConnectionFailed`).
    static func connect(
        _ count: Int, url: String, transport: TransportKind, trust: TLSTrust = .systemStore, handler: any RPCHandler
    ) async throws -> [MushroomClient] {
        let configuration = clientConfiguration(trusting: trust)
        return try await open(count, atOnce: connectingAtOnce, closing: close) {
            try await MushroomClient.connect(url: url, transports: [transport], handler: handler, configuration: configuration)
        }
    }

    /// Opens `count` connections with `open`, `atOnce` at a time, so that a small server is not
    /// flooded. On a failure every connection that opened is passed to `close` (even those of the
    /// failing batch) and the first error is rethrown.
    static func open<Connection: Sendable>(
        _ count: Int, atOnce: Int, closing close: ([Connection]) async -> Void,
        _ open: @escaping @Sendable () async throws -> Connection
    ) async throws -> [Connection] {
        var opened: [Connection] = []
        opened.reserveCapacity(count)
        do {
            while opened.count < count {
                let batch = min(atOnce, count - opened.count)
                try await withThrowingTaskGroup(of: Connection.self) { group in
                    for _ in 0..<batch { group.addTask(operation: open) }
                    var firstError: (any Error)?
                    while let outcome = await group.nextResult() {
                        switch outcome {
                        case .success(let connection): opened.append(connection)
                        case .failure(let error): firstError = firstError ?? error
                        }
                    }
                    if let firstError { throw firstError }
                }
            }
        } catch {
            await close(opened)
            throw error
        }
        return opened
    }

    /// Quiet clients whose requests wait for their answer without a timer of their own, trusting
    /// `trust` for https.
    static func clientConfiguration(trusting trust: TLSTrust = .systemStore) -> ClientConfiguration {
        var configuration = ClientConfiguration()
        configuration.tlsTrust = trust
        // No timer per request: it costs the client about a third of its pipelined throughput.
        // `LoadTimeline.drive` cancels what is still unanswered `drainTimeout` after the window.
        configuration.requestTimeout = nil
        configuration.logger.logLevel = .critical
        configuration.engine.logger.logLevel = .critical
        return configuration
    }

    /// Closes every client (each sends a Disconnect, so the server ends its session).
    static func close(_ clients: [MushroomClient]) async {
        await withTaskGroup(of: Void.self) { group in
            for client in clients { group.addTask { await client.close() } }
        }
    }
}
