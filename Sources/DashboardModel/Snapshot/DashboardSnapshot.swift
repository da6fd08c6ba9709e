import Foundation

/// What the screen shows at one instant: only the visible rows of each list, plus counts and aggregates.
public struct DashboardSnapshot: Sendable, Hashable {
    /// The instant every age, countdown and rate refers to.
    public let time: Date
    /// The focused pane.
    public let focus: Pane
    /// The maximised pane, if any.
    public let maximized: Pane?
    public let stream: StreamSnapshot
    public let requests: RequestsSnapshot
    public let connection: ConnectionSnapshot
    public let errors: ErrorsSnapshot
    public let form: FormSnapshot
    /// The open detail view, if any.
    public let detail: DetailSnapshot?
}
