import MushroomRPC

/// What became of the last form the operator sent, for the form's result line.
public enum FormResult: Sendable, Hashable {
    /// The command was handed to the engine; no result yet.
    case sending(method: String)
    /// The request ended.
    case finished(method: String, outcome: RequestOutcome, latency: Duration)
    /// The notification was sent as message `id`.
    case notified(method: String, id: MessageID)
    /// The engine refused the command and sent nothing.
    case refused(method: String, reason: String)

    /// The result once a command of `kind` was submitted.
    init(submitted kind: EngineCommand.Kind) {
        switch kind {
        case .sendRequest(let method, _, _), .sendNotification(let method, _): self = .sending(method: method)
        }
    }

    /// The result once the submitted command's `outcome` came back.
    func receiving(_ outcome: CommandResult.Outcome) -> FormResult {
        guard case .sending(let method) = self else { return self }
        switch outcome {
        case .requestFinished(let outcome, let latency): return .finished(method: method, outcome: outcome, latency: latency)
        case .notified(let id): return .notified(method: method, id: id)
        case .refused(let reason): return .refused(method: method, reason: reason)
        }
    }
}
