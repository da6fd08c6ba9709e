import Foundation
import Synchronization

/// What an engine does with an accepted inbound message (PROTOCOL.md's engine table): a Request
/// is admitted (at most `maximumConcurrentHandlers` at once, beyond which it is answered with an
/// Error at once) and answered through the handler, Notifications are passed to the handler in
/// arrival order, a batch at a time (in a task of their own, or where they arrive for an
/// `ImmediateNotificationHandler`), and a Response or Error completes its pending request. The
/// hooks run around each.
final class InboundDispatcher: Sendable {
    /// The reply data for errors that are not `RPCError`s; details stay in the log.
    static let internalErrorReply: JSONValue = "Internal server error"

    let handler: any RPCHandler
    /// The handler, when it takes notifications where they arrive.
    private let immediate: (any ImmediateNotificationHandler)?
    private let configuration: EngineConfiguration
    private let activeHandlers = Atomic<Int>(0)
    private let notifications = BatchQueue<Message.Notification>()
    /// Whether the task that hands notifications to the handler runs: it starts with the first
    /// inbound notification, so that an engine whose peer sends none (most server sessions) keeps
    /// no task and no task allocator.
    private let notificationRunnerStarted = Atomic<Bool>(false)

    init(handler: any RPCHandler, configuration: EngineConfiguration) {
        self.handler = handler
        immediate = handler as? any ImmediateNotificationHandler
        self.configuration = configuration
    }

    /// Passes queued notifications to the handler, a batch at a time (all that arrived while the
    /// last batch was handled), until `finish()`, in a task that holds the engine weakly; started
    /// once, by the first notification. An `ImmediateNotificationHandler` needs no such task.
    private func startNotificationRunner(for engine: Engine) {
        guard !notificationRunnerStarted.exchange(true, ordering: .relaxed) else { return }
        Task { [weak engine, notifications] in
            while let batch = await notifications.next() {
                guard let engine else { return }
                await handler.handleNotifications(calls(batch, on: engine))
                runAfterHandling(batch, on: engine)
            }
        }
    }

    private func calls(_ batch: [Message.Notification], on engine: Engine) -> [RPCCall] {
        batch.map { notification in
            RPCCall(
                kind: .notification, id: notification.id, method: notification.method, data: notification.data, engine: engine,
                position: notification.position)
        }
    }

    private func runAfterHandling(_ batch: [Message.Notification], on engine: Engine) {
        let hooks = configuration.hooks.afterHandling
        guard !hooks.isEmpty else { return }
        for notification in batch { runHooks(hooks, .notification(notification), engine) }
    }

    /// Hands the notifications held for the end of a read to the handler, in one batch: at once
    /// to an `ImmediateNotificationHandler`, otherwise by waking the notification task.
    func endOfRead(on engine: Engine) {
        guard let immediate else { return notifications.wakeConsumer() }
        let batch = notifications.drain()
        if !batch.isEmpty { handleImmediately(batch, by: immediate, on: engine) }
    }

    private func handleImmediately(_ batch: [Message.Notification], by handler: any ImmediateNotificationHandler, on engine: Engine) {
        handler.receiveNotifications(calls(batch, on: engine))
        runAfterHandling(batch, on: engine)
    }

    /// Stops taking notifications.
    func finish() {
        notifications.finish()
    }

    /// Handles an accepted inbound message. A notification `heldUntilEndOfRead` waits for
    /// `endOfRead()` to reach the handler, with the rest of its read.
    func dispatch(_ message: Message, on engine: Engine, heldUntilEndOfRead: Bool = false) {
        switch message {
        case .request(let request):
            start(request, on: engine)
        case .notification(let notification):
            runHooks(configuration.hooks.beforeHandling, message, engine)
            if heldUntilEndOfRead {
                notifications.pushHoldingWake(notification)
                if immediate == nil { startNotificationRunner(for: engine) }
            } else if let immediate {
                handleImmediately([notification], by: immediate, on: engine)
            } else {
                notifications.push(notification)
                startNotificationRunner(for: engine)
            }
        case .response(let response):
            runHooks(configuration.hooks.beforeHandling, message, engine)
            engine.answer(requestID: response.requestID, outcome: .response(response.data))
            runHooks(configuration.hooks.afterHandling, message, engine)
        case .error(let error):
            runHooks(configuration.hooks.beforeHandling, message, engine)
            engine.answer(requestID: error.requestID, outcome: .error(error.data))
            runHooks(configuration.hooks.afterHandling, message, engine)
        case .heartbeat, .disconnect:
            break
        }
    }

    private func runHooks(_ hooks: [MessageHooks.Hook], _ message: Message, _ engine: Engine) {
        for hook in hooks { hook(message, engine) }
    }

    /// Takes a handler slot; false when `maximumConcurrentHandlers` are busy.
    private func admit() -> Bool {
        guard let limit = configuration.maximumConcurrentHandlers else {
            activeHandlers.add(1, ordering: .relaxed)
            return true
        }
        var current = activeHandlers.load(ordering: .relaxed)
        while current < limit {
            let (exchanged, original) = activeHandlers.compareExchange(
                expected: current, desired: current + 1, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
        return false
    }

    private func start(_ request: Message.Request, on engine: Engine) {
        let admitted = admit()
        let started = configuration.now()
        runHooks(configuration.hooks.beforeHandling, .request(request), engine)
        engine.publish(.requestStarted(RequestStart(direction: .inbound, id: request.id, method: request.method, data: request.data, deadline: nil)))
        guard admitted else {
            let data: JSONValue = .string("too many concurrent requests (limit \(configuration.maximumConcurrentHandlers ?? 0))")
            engine.log(.warning, "refused request \(request.id) '\(request.method)': \(data)")
            reply(to: request, outcome: .error(data), started: started, on: engine)
            return
        }
        let call = RPCCall(kind: .request, id: request.id, method: request.method, data: request.data, engine: engine)
        Task {
            let outcome: RequestOutcome
            do {
                let answer = try await handler.handle(call)
                try Message.checkDepth(of: answer)
                outcome = .response(answer)
            } catch let error as any RPCError {
                outcome = .error(error.replyData)
            } catch {
                engine.log(.error, "request \(request.id) '\(request.method)' failed: \(error)")
                outcome = .error(Self.internalErrorReply)
            }
            activeHandlers.subtract(1, ordering: .relaxed)
            reply(to: request, outcome: outcome, started: started, on: engine)
        }
    }

    private func reply(to request: Message.Request, outcome: RequestOutcome, started: Date, on engine: Engine) {
        do {
            try engine.sendNew { id in
                if case .response(let data) = outcome {
                    return .response(.forRequest(request, id: id, data: data))
                }
                let data: JSONValue = if case .error(let data) = outcome { data } else { Self.internalErrorReply }
                return .error(.forRequest(request, id: id, data: data))
            }
        } catch {
            engine.log(.warning, "could not answer request \(request.id) '\(request.method)': \(error)")
        }
        engine.publish(.requestFinished(RequestFinish(
            direction: .inbound, id: request.id, method: request.method, outcome: outcome,
            latency: .seconds(configuration.now().timeIntervalSince(started)))))
        runHooks(configuration.hooks.afterHandling, .request(request), engine)
    }
}
