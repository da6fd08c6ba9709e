import Logging
import MushroomRPC
import NIOWebSocket
import WSClient

/// A WebSocket client for the tests: frames sent with `send`, text messages received in
/// `messages` (which ends when the socket closes), the server's close frame from `closeFrame()`.
final class TestWebSocket: Sendable {
    enum Outgoing: Sendable {
        case text(String)
        case close
    }

    let messages: AsyncStream<String>
    private let outgoing: AsyncStream<Outgoing>.Continuation
    private let run: Task<WebSocketCloseFrame?, any Error>

    private init(messages: AsyncStream<String>, outgoing: AsyncStream<Outgoing>.Continuation, run: Task<WebSocketCloseFrame?, any Error>) {
        self.messages = messages
        self.outgoing = outgoing
        self.run = run
    }

    /// Opens a WebSocket on `url`; throws when the upgrade is refused.
    static func connect(_ url: String, maxFrameSize: Int = 1 << 22) async throws -> TestWebSocket {
        let (messages, inbox) = AsyncStream<String>.makeStream()
        let (outgoingStream, outgoing) = AsyncStream<Outgoing>.makeStream()
        let (opened, openedContinuation) = AsyncStream<Void>.makeStream()
        let run = Task {
            defer {
                inbox.finish()
                openedContinuation.finish()
            }
            return try await WebSocketClient.connect(
                url: url, configuration: .init(maxFrameSize: maxFrameSize), logger: Logger(label: "test.ws")
            ) { inbound, outbound, _ in
                openedContinuation.yield()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await item in outgoingStream {
                            switch item {
                            case .text(let text): try await outbound.write(.text(text))
                            case .close: try await outbound.close(.normalClosure, reason: nil)
                            }
                        }
                    }
                    for try await message in inbound.messages(maxSize: maxFrameSize) {
                        if case .text(let text) = message { inbox.yield(text) }
                    }
                    inbox.finish()
                    group.cancelAll()
                }
            }
        }
        var iterator = opened.makeAsyncIterator()
        guard await iterator.next() != nil else {
            _ = try await run.value
            throw WebSocketClientError.webSocketUpgradeFailed
        }
        return TestWebSocket(messages: messages, outgoing: outgoing, run: run)
    }

    func send(_ text: String) { outgoing.yield(.text(text)) }
    func send(_ message: Message) { send(String(decoding: message.frame, as: UTF8.self)) }
    func close() { outgoing.yield(.close) }

    /// The close frame the server sent, once the socket has closed.
    func closeFrame() async throws -> WebSocketCloseFrame? {
        defer { outgoing.finish() }
        return try await run.value
    }
}

/// Reads parsed messages off a socket, skipping the methods in `ignoring` (ticks and the like).
struct Inbox {
    var iterator: AsyncStream<String>.AsyncIterator

    init(_ socket: TestWebSocket) { iterator = socket.messages.makeAsyncIterator() }

    /// The next message, or `nil` when the socket closed.
    mutating func next(ignoring: Set<String> = []) async -> Message? {
        while let text = await iterator.next() {
            guard let message = try? Message(frame: Array(text.utf8)) else { continue }
            if let method = message.method, ignoring.contains(method) { continue }
            return message
        }
        return nil
    }

    /// The next message that is not a Heartbeat, with the last Heartbeat before it (`nil` when
    /// none came): the server does not write a Heartbeat that a newer one queued behind it covers,
    /// so how many arrive for a burst depends on timing; the last one says what was acknowledged.
    mutating func nextAfterHeartbeats() async -> (lastHeartbeat: Message.Heartbeat?, message: Message?) {
        var lastHeartbeat: Message.Heartbeat?
        while let message = await next() {
            guard case .heartbeat(let heartbeat) = message else { return (lastHeartbeat, message) }
            lastHeartbeat = heartbeat
        }
        return (lastHeartbeat, nil)
    }
}
