import Foundation
import MushroomRPC

/// One received notification as kept in the ring.
struct NotificationEntry: Sendable {
    /// The index of the server it came from (`DashboardConfiguration.servers`).
    let server: Int
    let time: Date
    let id: MessageID
    let method: String
    let data: JSONValue
}
