import Foundation

/// What the engine does with an accepted inbound message (PROTOCOL.md's engine table).
extension Engine {
    /// The reply data for errors that are not `RPCError`s; details stay in the log.
    public static let internalErrorReply: JSONValue = "Internal server error"

    /// Handles one inbound message: a Request is answered through the handler, a Notification is
    /// passed to the handler in arrival order, a Response or Error completes its pending request.
    /// Heartbeats and Disconnects are the transport's business and are ignored here.
    public func handleMessage(_ message: Message) {
        switch message {
        case .request(let request):
            startRequest(request)
        case .notification(let notification):
            runHooks(configuration.hooks.beforeHandling, message)
            notificationQueue.push(notification)
        case .response(let response):
            runHooks(configuration.hooks.beforeHandling, message)
            answer(requestID: response.requestID, outcome: .response(response.data))
            runHooks(configuration.hooks.afterHandling, message)
        case .error(let error):
            runHooks(configuration.hooks.beforeHandling, message)
            answer(requestID: error.requestID, outcome: .error(error.data))
            runHooks(configuration.hooks.afterHandling, message)
        case .heartbeat, .disconnect:
            break
        }
    }

    private func runHooks(_ hooks: [MessageHooks.Hook], _ message: Message) {
        for hook in hooks { hook(message, self) }
    }

    private func answer(requestID: MessageID, outcome: RequestOutcome) {
        guard !finishRequest(requestID, outcome: outcome) else { return }
        let late = state.withLock { $0.requests.hasTimedOut(requestID) }
        log(.info,
            "dropped an answer to \(late ? "timed-out" : "unknown") request \(requestID)")
        publish(.unmatchedResponse(requestID: requestID, late: late))
    }

    private func startRequest(_ request: Message.Request) {
        let limit = configuration.maximumConcurrentHandlers
        let admitted = state.withLock { state in
            if let limit, state.activeHandlers >= limit { return false }
            state.activeHandlers += 1
            return true
        }
        runHooks(configuration.hooks.beforeHandling, .request(request))
        publish(.requestStarted(RequestStart(direction: .inbound, id: request.id, method: request.method, data: request.data, deadline: nil)))
        guard admitted else {
            let data: JSONValue = .string("too many concurrent requests (limit \(limit ?? 0))")
            log(.warning, "refused request \(request.id) '\(request.method)': \(data)")
            reply(to: request, outcome: .error(data), started: configuration.now())
            return
        }
        let started = configuration.now()
        let call = RPCCall(kind: .request, id: request.id, method: request.method, data: request.data, engine: self)
        Task {
            let outcome: RequestOutcome
            do {
                let answer = try await handler.handle(call)
                try Message.checkDepth(of: answer)
                outcome = .response(answer)
            } catch let error as any RPCError {
                outcome = .error(error.replyData)
            } catch {
                log(.error, "request \(request.id) '\(request.method)' failed: \(error)")
                outcome = .error(Self.internalErrorReply)
            }
            state.withLock { $0.activeHandlers -= 1 }
            reply(to: request, outcome: outcome, started: started)
        }
    }

    private func reply(to request: Message.Request, outcome: RequestOutcome, started: Date) {
        do {
            _ = try state.withLock { state in
                try sendNew(in: &state) { id in
                    if case .response(let data) = outcome {
                        return .response(.forRequest(request, id: id, data: data))
                    }
                    let data: JSONValue = if case .error(let data) = outcome { data } else { Self.internalErrorReply }
                    return .error(.forRequest(request, id: id, data: data))
                }
            }
        } catch {
            log(.warning, "could not answer request \(request.id) '\(request.method)': \(error)")
        }
        publish(.requestFinished(RequestFinish(
            direction: .inbound, id: request.id, method: request.method, outcome: outcome,
            latency: .seconds(configuration.now().timeIntervalSince(started)))))
        runHooks(configuration.hooks.afterHandling, .request(request))
    }

    func runNotification(_ notification: Message.Notification) async {
        let call = RPCCall(kind: .notification, id: notification.id, method: notification.method, data: notification.data, engine: self)
        do {
            _ = try await handler.handle(call)
        } catch {
            log(.info, "notification \(notification.id) '\(notification.method)' failed: \(error)")
        }
        runHooks(configuration.hooks.afterHandling, .notification(notification))
    }
}
