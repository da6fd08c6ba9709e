import NIOCore

/// Second in every connection's pipeline, before the HTTP decoder: holds back the connection's
/// first request head until it is complete and well formed, answers one that is not and closes
/// the connection, and
/// answers `408` to a connection whose head does not arrive within the read timeout.
/// Once the head has passed it removes itself; later requests on the connection are bounded by
/// Hummingbird's idle timeout and NIO's decoder limits.
///
/// Hummingbird's WebSocket-upgradable pipeline adds its idle timeout only after the first head
/// has been read and answers nothing when the decoder fails before it, so without this guard a
/// socket that sends nothing, half a head or garbage was held open for ever.
final class RequestHeadGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// The bounds a first request head must keep.
    struct Limits: Sendable {
        /// How long the head may take to arrive, from the moment the connection opened.
        var timeout: TimeAmount
        /// The longest request line (method, target, version), in bytes.
        var maximumRequestLineBytes: Int
        /// The longest head (request line and header fields), in bytes.
        var maximumHeadBytes: Int
    }

    private enum State {
        case readingHead
        /// The head passed: everything goes on to the decoder.
        case passed
        /// The head was answered with an error: what else arrives is read and dropped until the
        /// connection closes, so that closing does not reset it under the answer.
        case refused
    }

    /// How long a refused connection is drained before it is closed.
    private static let linger = TimeAmount.seconds(2)

    private let limits: Limits
    private let refusal: String?
    private var head: ByteBuffer?
    private var scan = HeadScan()
    private var timer: Scheduled<Void>?
    private var state = State.readingHead

    /// - Parameter refusal: when set, the connection is answered `503` with this sentence at once
    ///   (the `ConnectionGate` did not admit it).
    init(limits: Limits, refusal: String?) {
        self.limits = limits
        self.refusal = refusal
    }

    func handlerAdded(context: ChannelHandlerContext) {
        head = context.channel.allocator.buffer(capacity: 512)
        if let refusal {
            // After the pipeline is set up: refusing closes the connection.
            context.eventLoop.assumeIsolated().execute { [self] in
                refuse(context, status: "503 Service Unavailable", refusal)
            }
            return
        }
        if context.channel.isActive { startTimer(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        startTimer(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch state {
        case .passed: return context.fireChannelRead(data)
        case .refused: return
        case .readingHead: break
        }
        var bytes = unwrapInboundIn(data)
        let verdict = scan.consume(
            bytes.readableBytesView, maximumRequestLineBytes: limits.maximumRequestLineBytes,
            maximumHeadBytes: limits.maximumHeadBytes)
        head?.writeBuffer(&bytes)
        switch verdict {
        case .incomplete:
            break
        case .complete:
            pass(context)
        case .refused(let status, let sentence):
            refuse(context, status: status, sentence)
        }
    }

    private func startTimer(_ context: ChannelHandlerContext) {
        guard timer == nil, case .readingHead = state else { return }
        let timeout = limits.timeout
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            guard case .readingHead = state else { return }
            refuse(context, status: "408 Request Timeout", "no complete request head arrived within \(Duration(timeout).secondsDescription)")
        }
    }

    /// Hands the held bytes to the HTTP decoder and leaves the pipeline.
    private func pass(_ context: ChannelHandlerContext) {
        state = .passed
        timer?.cancel()
        timer = nil
        if let head { context.fireChannelRead(wrapInboundOut(head)) }
        head = nil
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    /// Answers with `status` and `sentence`, ends the output, and closes the connection when the
    /// peer does or `linger` later.
    private func refuse(_ context: ChannelHandlerContext, status: String, _ sentence: String) {
        guard case .readingHead = state else { return }
        state = .refused
        timer?.cancel()
        timer = nil
        head = nil
        let body = sentence + "\n"
        let answer = "HTTP/1.1 \(status)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Connection: close\r\n\r\n" + body
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(channel.allocator.buffer(string: answer))).whenComplete { _ in
            channel.close(mode: .output, promise: nil)
        }
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: Self.linger) { [self] in
            close(context)
        }
    }

    /// Closes a refused connection. The HTTP handlers behind are first told that no head will
    /// come, as a peer's close would tell them: they take any other close for an error.
    private func close(_ context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .refused = state, case ChannelEvent.inputClosed = event {
            close(context)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}
