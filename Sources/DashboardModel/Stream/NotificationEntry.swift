import Foundation
import MushroomRPC

/// One received notification as kept in the ring.
struct NotificationEntry: Sendable {
    let time: Date
    let id: MessageID
    let method: String
    let data: JSONValue
}
