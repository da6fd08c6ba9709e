import MushroomClient
import MushroomRPC

/// Opens and closes the `MushroomClient`s of a run.
enum LoadClients {
    /// How many bootstraps run at once, so that a small server is not flooded while connecting.
    static let connectingAtOnce = 8

    /// Connects `count` clients to the server at `url` answering with `handler`. On a failure the
    /// clients already open are closed and the first error is rethrown (a `BootstrapError` or
    /// `ConnectionFailed`).
    static func connect(
        _ count: Int, url: String, transport: TransportKind, handler: any RPCHandler
    ) async throws -> [MushroomClient] {
        let configuration = clientConfiguration
        var clients: [MushroomClient] = []
        do {
            while clients.count < count {
                let batch = min(connectingAtOnce, count - clients.count)
                try await withThrowingTaskGroup(of: MushroomClient.self) { group in
                    for _ in 0..<batch {
                        group.addTask {
                            try await MushroomClient.connect(
                                url: url, transports: [transport], handler: handler, configuration: configuration)
                        }
                    }
                    // Every client that opened is kept, so that it is closed even when another failed.
                    var firstError: (any Error)?
                    while let outcome = await group.nextResult() {
                        switch outcome {
                        case .success(let client): clients.append(client)
                        case .failure(let error): firstError = firstError ?? error
                        }
                    }
                    if let firstError { throw firstError }
                }
            }
        } catch {
            await close(clients)
            throw error
        }
        return clients
    }

    /// Quiet clients whose requests wait for their answer without a timer of their own.
    private static var clientConfiguration: ClientConfiguration {
        var configuration = ClientConfiguration()
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
