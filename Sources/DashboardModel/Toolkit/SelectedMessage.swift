import Foundation
import MushroomRPC

/// A message the operator picked (the selected row, or the one whose detail is open), as the
/// toolkit's keys see it: its JSON record (copied, exported, compared) and, for a request or
/// notification, what sends it again.
struct SelectedMessage: Sendable, Hashable {
    /// The index of the server it was exchanged with (`DashboardConfiguration.servers`), which
    /// the form sends it again to.
    let server: Int
    /// What it is, e.g. "notification 12 orders.created".
    let label: String
    /// The message as one JSON object (`MessageRecord`).
    let record: JSONValue
    /// The form that sends it again; `nil` for what cannot be sent (an error group).
    let resend: Resend?

    /// A request or notification to send again.
    struct Resend: Sendable, Hashable {
        let kind: FormKind
        let method: String
        let data: JSONValue
    }
}
