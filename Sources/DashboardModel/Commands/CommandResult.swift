import MushroomRPC

/// What became of an `EngineCommand`: whoever performs a command posts back one result with its id,
/// and the model takes it in with `DashboardModel.receive(_:)` (no guessing from engine events).
public struct CommandResult: Sendable, Hashable {
    /// How a command ended.
    public enum Outcome: Sendable, Hashable {
        /// The request ended (answered with a Response or an Error, timed out, cancelled, or lost
        /// with the connection), `latency` after it was handed to the engine.
        case requestFinished(RequestOutcome, latency: Duration)
        /// The notification was sent as message `id`.
        case notified(MessageID)
        /// The engine refused the command and sent nothing, for this reason.
        case refused(String)
    }

    /// The command answered.
    public let id: CommandID
    /// How it ended.
    public let outcome: Outcome

    /// The result of command `id`.
    public init(id: CommandID, outcome: Outcome) {
        self.id = id
        self.outcome = outcome
    }
}
