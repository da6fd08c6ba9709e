/// One of the dashboard's panes; `.focusNext` cycles through them in declaration order.
///
/// A pane is a part of the model that conforms to `PaneModel` (named in `Pane.slot`) and a view
/// that conforms to DashboardUI's `PaneView` (registered in `PaneViews.all`); to add one, add its
/// case here, its part, its snapshot and its view.
public enum Pane: String, Sendable, Hashable, CaseIterable {
    /// The notification stream.
    case stream
    /// In-flight and recently finished requests, both directions.
    case requests
    /// Errors grouped by kind and method.
    case errors
    /// Heartbeat and connection status.
    case connection
    /// The form that sends requests and notifications.
    case form
    /// The server's sessions: the operator's view, shown with `DashboardConfiguration.showsSessions`.
    case sessions

    /// The panes of a dashboard without the operator's view.
    public static let standard = allCases.filter { $0 != .sessions }
}
