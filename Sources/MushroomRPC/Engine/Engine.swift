import Foundation
import Logging
import Synchronization

/// The RPC engine of one session: numbers and sends messages, matches Responses and Errors to
/// pending requests, answers inbound Requests through its handler, and keeps the reliability
/// state (outbound buffer, acknowledgements, duplicate dropping) that every transport shares.
///
/// Transports attach a connection while one is open (`attach(wake:)`), take its outbound messages
/// when woken, and feed inbound frames to `receive(frame:)`; everything else is decided here,
/// by small parts with one job each: `MessageChannel` (numbering, the outbound buffer and
/// acknowledgement), `PendingRequests` (outbound requests and their one deadline sweeper),
/// `InboundDispatcher` (handler admission and order), `EventHub` (events) and `DeliveryTracker`.
/// No part calls out (a transport, an event subscriber, a caller) while it holds a lock. All
/// methods are safe to call from any task.
public final class Engine: Sendable {
    /// Receives a connection's outbound messages one at a time (see `attach(writer:)`).
    public typealias FrameWriter = @Sendable (Message) -> Void

    public let configuration: EngineConfiguration
    let hub: EventHub
    let channel: MessageChannel
    let requests: PendingRequests
    let inbound: InboundDispatcher
    let delivery = DeliveryTracker()
    private let logThrottle = Mutex(LogThrottle(burst: LogThrottle.burstPerEngine))

    public init(handler: any RPCHandler = MethodNotFoundHandler(), configuration: EngineConfiguration = EngineConfiguration()) {
        self.configuration = configuration
        self.hub = EventHub(now: configuration.now)
        self.requests = PendingRequests(hub: hub, now: configuration.now)
        self.inbound = InboundDispatcher(handler: handler, configuration: configuration)
        self.channel = MessageChannel(configuration: configuration, hub: hub)
    }

    deinit {
        inbound.finish()
        var deferred = Deferred()
        hub.finish(&deferred)
        deferred.run()
    }

    /// Answers inbound calls.
    public var handler: any RPCHandler { inbound.handler }

    // MARK: Events

    /// Every message sent and received, every request started and finished, protocol errors and
    /// transport changes, as they happen, beginning with the latest transport change. Each call
    /// makes a new subscription holding at most `configuration.eventBufferLimit` unread events;
    /// beyond that the oldest are dropped and counted (`EventSubscription.Batch.dropped`).
    public func events() -> EventSubscription {
        hub.subscribe(limit: configuration.eventBufferLimit)
    }

    /// Publishes an event to the subscribers; the event is not even built when nobody listens.
    func publish(_ kind: @autoclosure () -> EngineEvent.Kind) {
        withDeferred { hub.publish(kind(), &$0) }
    }

    /// Reports a change of the transport's connection to the subscribers; the latest one begins
    /// every later subscription.
    public func report(_ change: TransportEvent) {
        withDeferred { hub.report(change, &$0) }
    }

    // MARK: Sending

    /// Allocates the next outbound message id (gapless from 0 per session).
    public func nextMessageID() -> MessageID {
        channel.nextID()
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
        if notification.encodedTail == nil { try Message.checkDepth(of: notification.data) }
        return try sendNew { .notification(notification.numbered($0)) }
    }

    /// Sends a copy of each of `notifications`, in order, as `notify(_:)` does, under one lock
    /// and with one wake-up of the transport for all of them: several broadcasts reaching one
    /// peer at once. Throws as `notify(_:)` for the first one not sent; those before it are sent.
    public func notify(contentsOf notifications: [Message.Notification]) throws {
        for notification in notifications where notification.encodedTail == nil {
            try Message.checkDepth(of: notification.data)
        }
        try loggingRefusal { try withDeferred { try channel.sendNew(notifications, &$0) } }
    }

    /// Sends a message as it is: buffered until acknowledged if it has an id, written at once if a
    /// connection is open. Ids must come from `nextMessageID()` and be sent in that order.
    /// Throws `DataTooDeep` for data nested deeper than a message may carry.
    public func send(_ message: Message) throws {
        if let data = message.data { try Message.checkDepth(of: data) }
        try loggingRefusal { try withDeferred { try channel.send(message, &$0) } }
    }

    /// Numbers a new message with the next id and sends it; returns the id.
    @discardableResult
    func sendNew(_ make: (MessageID) -> Message) throws -> MessageID {
        try loggingRefusal { try withDeferred { try channel.sendNew(make, &$0) } }
    }

    /// Runs `send`, logging the outbound buffer's refusal of a message.
    private func loggingRefusal<Result>(_ send: () throws -> Result) throws -> Result {
        do {
            return try send()
        } catch let full as OutboundBufferFull {
            log(.warning, "outbound message refused: \(full)")
            throw full
        }
    }

    /// The bound the outbound buffer reached when it last refused a message; `nil` while it
    /// never has in this session.
    public var outboundRefusal: OutboundBufferFull? { channel.refusal }

    /// Returns once the peer confirmed receiving message `id` of the current session (a Heartbeat
    /// acknowledging it, or what the transport counts as confirmation); throws `ConnectionLost`
    /// when the session is lost or the engine closes first, `CancellationError` when the task is
    /// cancelled.
    public func waitUntilDelivered(_ id: MessageID) async throws {
        try await delivery.wait(for: id)
    }

    // MARK: Requests

    /// The number of outbound requests waiting for an answer.
    public var pendingRequestCount: Int { requests.count }

    /// Sends a Request and waits for its answer: the Response's data, or `RequestException` for an
    /// Error, `RequestTimeout` when `timeout` passes first, `ConnectionLost` when the engine closes
    /// or the session is lost, `CancellationError` when the calling task is cancelled, `DataTooDeep`
    /// (before sending) for data nested deeper than a message may carry.
    public func request(_ method: String, _ data: JSONValue = .null, timeout: Duration? = nil) async throws -> JSONValue {
        try Task.checkCancellation()
        try Message.checkDepth(of: data)
        let deadline = timeout.map { configuration.now().addingTimeInterval(min($0, Duration.longestAccepted).timeInterval) }
        let id = try loggingRefusal {
            try withDeferred { deferred in
                try channel.sendNew({ .request(.init(id: $0, method: method, data: data)) }, register: { id, deferred in
                    let start = RequestStart(direction: .outbound, id: id, method: method, data: data, deadline: deadline)
                    requests.register(start, timeout: timeout, &deferred)
                }, &deferred)
            }
        }
        return try await withTaskCancellationHandler {
            try await requests.result(of: id)
        } onCancel: {
            finishRequest(id, outcome: .cancelled)
        }
    }

    /// Completes pending request `id`; returns false when there is no such unfinished request.
    @discardableResult
    func finishRequest(_ id: MessageID, outcome: RequestOutcome) -> Bool {
        withDeferred { requests.finish(id, outcome, &$0) }
    }

    /// Completes the request a Response or Error answers, or reports the answer as unmatched.
    func answer(requestID: MessageID, outcome: RequestOutcome) {
        guard !finishRequest(requestID, outcome: outcome) else { return }
        let late = requests.hasTimedOut(requestID)
        log(.info, "dropped an answer to \(late ? "timed-out" : "unknown") request \(requestID)")
        publish(.unmatchedResponse(requestID: requestID, late: late))
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
