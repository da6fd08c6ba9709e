import MushroomRPC

/// What became of the last form the operator sent, for the form's result line.
public enum FormResult: Sendable, Hashable {
    /// The request was handed to the engine; its id is not known yet.
    case sending(method: String)
    /// The request is in flight as `id`.
    case waiting(method: String, id: MessageID)
    /// The request ended.
    case finished(method: String, id: MessageID, outcome: RequestOutcome, latency: Duration)
    /// The notification was handed to the engine.
    case notified(method: String)

    /// The result once `command` was submitted.
    init(submitted command: EngineCommand) {
        switch command {
        case .sendRequest(let method, _, _): self = .sending(method: method)
        case .sendNotification(let method, _): self = .notified(method: method)
        }
    }

    /// Follows the submitted request through the engine's events: the first outbound request of
    /// that method after submitting is the form's, and its end is the result.
    func following(_ event: EngineEvent.Kind) -> FormResult {
        switch (self, event) {
        case (.sending(let method), .requestStarted(let start)) where start.direction == .outbound && start.method == method:
            return .waiting(method: method, id: start.id)
        case (.waiting(let method, let id), .requestFinished(let finish)) where finish.direction == .outbound && finish.id == id:
            return .finished(method: method, id: id, outcome: finish.outcome, latency: finish.latency)
        default:
            return self
        }
    }
}
