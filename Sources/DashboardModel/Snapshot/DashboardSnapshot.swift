import Foundation

/// What the screen shows at one instant: only the visible rows of each list, plus counts and aggregates.
public struct DashboardSnapshot: Sendable, Hashable {
    /// The instant every age, countdown and rate refers to.
    public let time: Date
    /// The focused pane.
    public let focus: Pane
    /// The maximised pane, if any.
    public let maximized: Pane?
    /// The notification stream pane.
    public let stream: StreamSnapshot
    /// The requests pane.
    public let requests: RequestsSnapshot
    /// The connection and heartbeat pane.
    public let connection: ConnectionSnapshot
    /// The errors pane.
    public let errors: ErrorsSnapshot
    /// The form pane.
    public let form: FormSnapshot
    /// The sessions pane, when it is shown.
    public let sessions: SessionsSnapshot?
    /// The open detail view, if any.
    public let detail: DetailSnapshot?
    /// The alerts firing, in rule order.
    public var alerts: [FiringAlert] = []
    /// The servers, on a dashboard on several; `nil` on one.
    public var servers: ServersSnapshot?

    /// The panes shown: `Pane.standard`, and the sessions pane when it is shown.
    public var panes: [Pane] { sessions == nil ? Pane.standard : Pane.allCases }
}
