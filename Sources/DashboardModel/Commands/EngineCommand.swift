import Foundation
import MushroomRPC

/// Something the model asks the executable to do with the engine (the model itself does no I/O),
/// tagged with an id the model chose: the `CommandResult` that answers it carries the same id.
public struct EngineCommand: Sendable, Hashable {
    /// What to do.
    public enum Kind: Sendable, Hashable {
        /// `engine.request(method, data, timeout: timeout)`; `nil` waits forever.
        case sendRequest(method: String, data: JSONValue, timeout: Duration?)
        /// `engine.notify(method, data)`.
        case sendNotification(method: String, data: JSONValue)
    }

    /// Which command this is, for the result that answers it.
    public let id: CommandID
    /// What to do.
    public let kind: Kind
    /// The index of the server to do it with (`DashboardConfiguration.servers`).
    public internal(set) var server = 0
}
