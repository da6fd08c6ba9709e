import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket

/// A deliberately scripted mushroom server on 127.0.0.1 (port 0) for tests of bad servers: it
/// answers the bootstrap POST at `/` as told; on the WebSocket at `/session/` it waits for the
/// client's first frame (so that the client is listening), sends the given text frames, and
/// records what the client sends until the client leaves, or sends a close frame with
/// `closeCodeAfterFrames` after them. With `closesSocketsAtOnce`, it
/// closes every WebSocket as soon as it opens instead; a plain POST to `/session/` is answered
/// with `sessionStatus`.
public final class FakeMushroomServer: Sendable {
    /// How the bootstrap POST is answered.
    public enum Bootstrap: Sendable {
        /// `200 {"transport": "ws", "url": "ws://127.0.0.1:PORT/session/"}`.
        case webSocketSession
        /// This status with this body.
        case answer(status: Int, body: String)
    }

    /// When a socket's `frames` are sent.
    public enum Pacing: Sendable, Hashable {
        /// All of them once the client's first message arrived.
        case allAfterFirstMessage
        /// The next one after each message from the client (a client that stops answering
        /// gets no more).
        case oneAfterEachMessage
    }

    /// The bootstrap URL, `http://127.0.0.1:PORT/`.
    public let url: String
    public let port: Int
    private let task: Task<Void, Never>
    private let received: Locked<[String]>
    private let bootstrapCount: Locked<Int>

    /// Starts the server.
    public static func start(
        bootstrap: Bootstrap = .webSocketSession, frames: [String] = [], pacing: Pacing = .allAfterFirstMessage,
        closesSocketsAtOnce: Bool = false, sessionStatus: Int = 400, closeCodeAfterFrames: WebSocketErrorCode? = nil
    ) async throws -> FakeMushroomServer {
        let received = Locked<[String]>([])
        let bootstrapCount = Locked(0)
        let portSignal = AsyncStream<Int>.makeStream()
        let portBox = Locked(0)
        let router = Router()
        router.post("/") { _, _ -> Response in
            bootstrapCount.withLock { $0 += 1 }
            switch bootstrap {
            case .webSocketSession:
                let port = portBox.value
                let body = #"{"transport": "ws", "url": "ws://127.0.0.1:\#(port)/session/"}"#
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
            case .answer(let status, let body):
                return Response(status: .init(code: status), body: .init(byteBuffer: ByteBuffer(string: body)))
            }
        }
        router.post("/session/") { _, _ in Response(status: .init(code: sessionStatus)) }
        var logger = Logger(label: "fake-mushroom-server")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade { request, _, _ in
                guard request.path == "/session/" else { return .dontUpgrade }
                return .upgrade([:]) { inbound, outbound, _ in
                    if closesSocketsAtOnce { return }
                    var unsent = frames[...]
                    var isFirst = true
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        if case .text(let text) = message { received.withLock { $0.append(text) } }
                        if isFirst || pacing == .oneAfterEachMessage {
                            isFirst = false
                            let now = pacing == .oneAfterEachMessage ? unsent.prefix(1) : unsent
                            unsent = unsent.dropFirst(now.count)
                            for frame in now { try await outbound.write(.text(frame)) }
                            if unsent.isEmpty, let closeCodeAfterFrames {
                                try await outbound.close(closeCodeAfterFrames, reason: nil)
                                return
                            }
                        }
                    }
                }
            },
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                portBox.withLock { $0 = port }
                portSignal.continuation.yield(port)
                portSignal.continuation.finish()
            },
            logger: logger
        )
        let task = Task<Void, Never> { _ = try? await app.run() }
        var ports = portSignal.stream.makeAsyncIterator()
        guard let port = await ports.next() else {
            task.cancel()
            throw CancellationError()
        }
        return FakeMushroomServer(port: port, task: task, received: received, bootstrapCount: bootstrapCount)
    }

    private init(port: Int, task: Task<Void, Never>, received: Locked<[String]>, bootstrapCount: Locked<Int>) {
        self.port = port
        self.url = "http://127.0.0.1:\(port)/"
        self.task = task
        self.received = received
        self.bootstrapCount = bootstrapCount
    }

    /// How many bootstrap POSTs the server answered so far.
    public var bootstraps: Int { bootstrapCount.value }

    /// The text frames the client sent over the WebSocket so far.
    public var receivedFrames: [String] { received.value }

    /// Stops the server.
    public func stop() async {
        task.cancel()
        await task.value
    }
}
