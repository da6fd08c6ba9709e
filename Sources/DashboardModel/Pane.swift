/// One of the dashboard's panes; `.focusNext` cycles through them in declaration order.
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
}
