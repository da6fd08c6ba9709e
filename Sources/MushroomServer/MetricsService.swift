import Hummingbird
import Logging
import NIOCore
import Foundation
import ServiceLifecycle
import Synchronization

/// Serves `GET /metrics` (the Prometheus text format) on its own port beside the mushroom
/// endpoint, in the same service group, and tells `listening` the port it listens on. A port it
/// cannot listen on ends it with `MetricsPortUnavailable`.
struct MetricsService: Service {
    let metrics: ServerMetrics
    let sessions: SessionList
    let host: String
    let port: Int
    let logger: Logger
    let listening: Listening

    /// The port the metrics listener listens on, once it does: the mushroom endpoint waits for
    /// it before it listens itself, so that a metrics port that cannot be had stops the server
    /// before it serves anything.
    final class Listening: Sendable {
        private let ports: AsyncStream<Int>
        private let continuation: AsyncStream<Int>.Continuation
        private let listened = Mutex<Int?>(nil)

        init() {
            (ports, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        }

        /// The port, once `wait()` returned it.
        var port: Int? { listened.withLock { $0 } }

        /// Called once, by one task: returns the port once the listener listens; throws
        /// `ServerStopped` when it never will.
        func wait() async throws -> Int {
            for await port in ports {
                listened.withLock { $0 = port }
                return port
            }
            throw ServerStopped()
        }

        func listening(on port: Int) {
            continuation.yield(port)
            continuation.finish()
        }

        func stopped() {
            continuation.finish()
        }
    }

    func run() async throws {
        let router = Router()
        let (metrics, sessions) = (metrics, sessions)
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: ServerMetrics.contentType],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition(of: sessions))))
        }
        let listening = self.listening
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "mushroom"),
            onServerRunning: { channel in listening.listening(on: channel.localAddress?.port ?? 0) },
            logger: logger)
        defer { listening.stopped() }
        do {
            try await application.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw MetricsPortUnavailable(host: host, port: port, reason: "the port is already in use")
        } catch let error as IOError {
            throw MetricsPortUnavailable(host: host, port: port, reason: "\(error)")
        }
    }
}

/// The metrics listener could not listen; the description is one sentence.
public struct MetricsPortUnavailable: Error, CustomStringConvertible {
    public let host: String
    public let port: Int
    let reason: String

    public var description: String { "could not serve metrics on \(host):\(port): \(reason)" }
}
