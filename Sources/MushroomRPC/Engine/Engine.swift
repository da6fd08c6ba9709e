import Foundation
import Logging
import Synchronization

/// The RPC engine of one session: numbers and sends messages, matches Responses and Errors to
/// pending requests, answers inbound Requests through its handler, and keeps the reliability
/// state (outbound buffer, acknowledgements, duplicate dropping) that every transport shares.
///
/// Transports attach a frame writer while a connection is open and feed inbound frames to
/// `receive(frame:)`; everything else is decided here. All methods are safe to call from any task.
public final class Engine: Sendable {
    /// A writer for the open connection. It is called with the engine's lock held, in wire order,
    /// and must not block (yield into a stream, or wake a waiting poll).
    public typealias FrameWriter = @Sendable (Message) -> Void

    /// Identifies one attachment of a writer, so that a stale connection cannot detach a newer one.
    public struct ConnectionToken: Hashable, Sendable {
        let generation: Int
    }

    struct State {
        var nextID = 0
        var channel: ReliableChannel
        var requests = RequestTable()
        var writer: FrameWriter?
        var generation = 0
        var closedReason: String?
        var receivedSinceAcknowledgement = 0
        var idleAcknowledgementScheduled = false
        var activeHandlers = 0
        var outboundRefusal: OutboundBufferFull?
    }

    /// Answers inbound calls.
    public let handler: any RPCHandler
    public let configuration: EngineConfiguration
    let state: Mutex<State>
    let broadcaster = EventBroadcaster<EngineEvent>()
    let notificationQueue = BatchQueue<Message.Notification>()
    private let logThrottle = Mutex(LogThrottle(burst: LogThrottle.burstPerEngine))

    public init(handler: any RPCHandler = MethodNotFoundHandler(), configuration: EngineConfiguration = EngineConfiguration()) {
        self.handler = handler
        self.configuration = configuration
        self.state = Mutex(State(channel: ReliableChannel(
            maximumUnacknowledged: configuration.maximumUnacknowledged,
            maximumUnacknowledgedBytes: configuration.maximumUnacknowledgedBytes)))
        // Inbound notifications are handled one at a time, in the order they arrived.
        let notifications = notificationQueue
        Task { [weak self] in
            while let batch = await notifications.next() {
                for notification in batch {
                    guard let self else { return }
                    await self.runNotification(notification)
                }
            }
        }
    }

    deinit {
        notificationQueue.finish()
        broadcaster.finish()
    }

    // MARK: Events

    /// Every message sent and received, every request started and finished, protocol errors and
    /// transport changes, as they happen. Each call makes a new subscription, which begins with
    /// `initial` (a transport tells a late subscriber the state it is in).
    public func events(startingWith initial: [EngineEvent] = []) -> AsyncStream<EngineEvent> {
        broadcaster.subscribe(bufferLimit: configuration.eventBufferLimit, startingWith: initial)
    }

    /// Publishes an event to the subscribers; the event is not even built when nobody listens.
    public func publish(_ kind: @autoclosure () -> EngineEvent.Kind) {
        guard broadcaster.hasSubscribers else { return }
        broadcaster.publish(EngineEvent(time: configuration.now(), kind: kind()))
    }

    // MARK: Sending

    /// Allocates the next outbound message id (gapless from 0 per session).
    public func nextMessageID() -> MessageID {
        state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
    }

    /// Sends a Notification; returns its id.
    @discardableResult
    public func notify(_ method: String, _ data: JSONValue = .null) throws -> MessageID {
        try notify(Message.Notification(id: 0, method: method, data: data))
    }

    /// Sends a copy of `notification` numbered with this engine's next id (the id it carries is
    /// ignored); one made with `Message.Notification(broadcasting:data:)` is not encoded again.
    /// Returns the id. Throws `DataTooDeep` for data nested deeper than a message may carry (a
    /// broadcast checked it when it was made).
    @discardableResult
    public func notify(_ notification: Message.Notification) throws -> MessageID {
        if notification.encodedMethodAndData == nil { try Message.checkDepth(of: notification.data) }
        return try state.withLock { state in
            try sendNew(in: &state) { id in
                var copy = notification
                copy.id = id
                return .notification(copy)
            }
        }
    }

    /// Sends a message as it is: buffered until acknowledged if it has an id, written at once if a
    /// connection is open. Ids must come from `nextMessageID()` and be sent in that order.
    /// Throws `DataTooDeep` for data nested deeper than a message may carry.
    public func send(_ message: Message) throws {
        if let data = message.data { try Message.checkDepth(of: data) }
        try state.withLock { state in try send(message, in: &state) }
    }

    /// Numbers a new message with the next id and sends it, in one step so that ids go out in order.
    /// Returns the id.
    @discardableResult
    func sendNew(in state: inout State, _ make: (MessageID) -> Message) throws -> MessageID {
        let id = state.nextID
        try send(make(id), in: &state)
        state.nextID += 1
        return id
    }

    func send(_ message: Message, in state: inout State) throws {
        if let reason = state.closedReason { throw ConnectionLost(reason) }
        do {
            try state.channel.buffer(message)
        } catch {
            log(.warning, "outbound message refused: \(error)")
            state.outboundRefusal = error
            publish(.outboundOverflow(error))
            throw error
        }
        write(message, in: &state)
    }

    func write(_ message: Message, in state: inout State) {
        guard let writer = state.writer else { return }
        writer(message)
        publish(.messageSent(message))
    }

    /// The bound the outbound buffer reached when it last refused a message; `nil` while it
    /// never has in this session.
    public var outboundRefusal: OutboundBufferFull? { state.withLock { $0.outboundRefusal } }

    // MARK: Requests

    /// The number of outbound requests waiting for an answer.
    public var pendingRequestCount: Int { state.withLock { $0.requests.count } }

    /// Sends a Request and waits for its answer: the Response's data, or `RequestException` for an
    /// Error, `RequestTimeout` when `timeout` passes first, `ConnectionLost` when the engine closes
    /// or the session is lost, `CancellationError` when the calling task is cancelled, `DataTooDeep`
    /// (before sending) for data nested deeper than a message may carry.
    public func request(_ method: String, _ data: JSONValue = .null, timeout: Duration? = nil) async throws -> JSONValue {
        try Task.checkCancellation()
        try Message.checkDepth(of: data)
        let started = configuration.now()
        let deadline = timeout.map { started.addingTimeInterval($0.timeInterval) }
        let id = try state.withLock { state in
            let id = try sendNew(in: &state) { .request(.init(id: $0, method: method, data: data)) }
            state.requests.insert(PendingRequest(method: method, started: started, timeout: timeout), id: id)
            publish(.requestStarted(RequestStart(direction: .outbound, id: id, method: method, data: data, deadline: deadline)))
            return id
        }
        if let timeout {
            let timer = Task { [weak self] in
                try? await Task.sleep(for: timeout)
                guard !Task.isCancelled else { return }
                self?.finishRequest(id, outcome: .timeout)
            }
            if !state.withLock({ $0.requests.setTimeoutTask(timer, for: id) }) { timer.cancel() }
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if let result = state.withLock({ $0.requests.install(continuation, for: id) }) {
                    continuation.resume(with: result)
                }
            }
        } onCancel: {
            finishRequest(id, outcome: .cancelled)
        }
    }

    /// Completes pending request `id`; returns false when there is no such unfinished request.
    @discardableResult
    func finishRequest(_ id: MessageID, outcome: RequestOutcome) -> Bool {
        let now = configuration.now()
        let finished = state.withLock { state -> (PendingRequest, CheckedContinuation<JSONValue, any Error>?, Result<JSONValue, any Error>)? in
            guard let entry = state.requests.pending[id] else { return nil }
            let result = Self.result(of: outcome, method: entry.method, timeout: entry.timeout)
            guard let finished = state.requests.finish(id, with: result, timedOut: outcome == .timeout) else { return nil }
            publish(.requestFinished(RequestFinish(
                direction: .outbound, id: id, method: finished.request.method, outcome: outcome,
                latency: .seconds(now.timeIntervalSince(finished.request.started)))))
            return (finished.request, finished.resume, result)
        }
        guard let (_, continuation, result) = finished else { return false }
        continuation?.resume(with: result)
        return true
    }

    private static func result(of outcome: RequestOutcome, method: String, timeout: Duration?) -> Result<JSONValue, any Error> {
        switch outcome {
        case .response(let data): .success(data)
        case .error(let data): .failure(RequestException(data))
        case .timeout: .failure(RequestTimeout(method: method, timeout: timeout ?? .zero))
        case .cancelled: .failure(CancellationError())
        case .connectionLost(let reason): .failure(ConnectionLost(reason))
        }
    }

    /// Fails every pending request with `ConnectionLost(reason)`.
    func failPendingRequests(reason: String, in state: inout State) -> [(CheckedContinuation<JSONValue, any Error>, any Error)] {
        let error = ConnectionLost(reason)
        let now = configuration.now()
        return state.requests.failAll(with: error).compactMap { failed in
            publish(.requestFinished(RequestFinish(
                direction: .outbound, id: failed.id, method: failed.request.method, outcome: .connectionLost(reason),
                latency: .seconds(now.timeIntervalSince(failed.request.started)))))
            return failed.resume.map { ($0, error) }
        }
    }
}

extension Engine {
    /// Logs what a peer's input caused, at most `LogThrottle.burst` lines a second for this
    /// engine; the number left out is logged with the next line that goes through, or at close.
    func log(_ level: Logger.Level, _ message: @autoclosure () -> Logger.Message) {
        guard configuration.logger.logLevel <= level else { return }
        let (admitted, suppressed) = logThrottle.withLock { $0.admit(at: .now) }
        if suppressed > 0 { reportSuppressedLines(suppressed) }
        if admitted { configuration.logger.log(level: level, message()) }
    }

    /// Logs the number of lines `log` left out since it last said so.
    func flushSuppressedLines() {
        let suppressed = logThrottle.withLock { $0.takeSuppressed() }
        if suppressed > 0 { reportSuppressedLines(suppressed) }
    }

    private func reportSuppressedLines(_ count: Int) {
        configuration.logger.warning("\(count) more log lines like the ones above were left out (at most \(LogThrottle.burstPerEngine) a second)")
    }
}

