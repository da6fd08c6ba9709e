import NIOCore

/// Second in every connection's pipeline, before the HTTP decoder: holds back the connection's
/// first request head until it is complete and well formed, answers one that is not and closes
/// the connection, and closes a connection whose head does not arrive within the read timeout.
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
        let verdict = scan.consume(bytes.readableBytesView, limits: limits)
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

/// Reads a request head byte by byte: the request line must be `METHOD SP TARGET SP HTTP/1.x`
/// within its length limit, and the head must end (an empty line) within its own.
struct HeadScan {
    enum Verdict: Equatable {
        case incomplete
        case complete
        /// The status line to answer with and the sentence of the body.
        case refused(status: String, String)
    }

    private var headBytes = 0
    private var requestLine: [UInt8] = []
    private var requestLineDone = false
    /// The last four bytes read, the newest lowest: the head ends at `\r\n\r\n` (or `\n\n`).
    private var tail: UInt32 = 0

    mutating func consume(_ bytes: ByteBufferView, limits: RequestHeadGuard.Limits) -> Verdict {
        for byte in bytes {
            headBytes += 1
            tail = tail << 8 | UInt32(byte)
            if !requestLineDone {
                if byte == UInt8(ascii: "\n") {
                    requestLineDone = true
                    if requestLine.last == UInt8(ascii: "\r") { requestLine.removeLast() }
                    if let refusal = Self.check(requestLine: requestLine) { return refusal }
                    continue
                }
                guard requestLine.count < limits.maximumRequestLineBytes else {
                    return .refused(status: "414 URI Too Long", "the request line is longer than \(limits.maximumRequestLineBytes) bytes")
                }
                requestLine.append(byte)
                continue
            }
            if tail == 0x0D0A_0D0A || tail & 0xFFFF == 0x0A0A { return .complete }
            guard headBytes <= limits.maximumHeadBytes else {
                return .refused(status: "431 Request Header Fields Too Large", "the request head is longer than \(limits.maximumHeadBytes) bytes")
            }
        }
        return .incomplete
    }

    /// A refusal when `line` is not `METHOD SP TARGET SP HTTP/1.x`.
    private static func check(requestLine line: [UInt8]) -> Verdict? {
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenCharacter), !parts[1].isEmpty,
              parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else {
            return .refused(status: "400 Bad Request", "the request line is not METHOD TARGET HTTP/1.1")
        }
        let version = String(decoding: parts[2], as: UTF8.self)
        switch version {
        case "HTTP/1.1", "HTTP/1.0":
            return nil
        case _ where version.hasPrefix("HTTP/"):
            return .refused(status: "505 HTTP Version Not Supported", "\(version.prefix(16)) is not supported: this server speaks HTTP/1.1")
        default:
            return .refused(status: "400 Bad Request", "the request line is not METHOD TARGET HTTP/1.1")
        }
    }

    /// RFC 9110 `tchar`: what a method name is made of.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
