import Foundation
import MushroomRPC

/// Something the model asks the executable to do with the engine (the model itself does no I/O).
public enum EngineCommand: Sendable, Hashable {
    /// `engine.request(method, data, timeout: timeout)`; `nil` waits forever.
    case sendRequest(method: String, data: JSONValue, timeout: Duration?)
    /// `engine.notify(method, data)`.
    case sendNotification(method: String, data: JSONValue)
}
