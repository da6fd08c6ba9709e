import DashboardModel

/// The registered pane views, one per `Pane`, in the order their help lines are listed.
public enum PaneViews {
    /// Every pane's view.
    public static let all: [any PaneView.Type] = [StreamPane.self, RequestsPane.self, ErrorsPane.self, ConnectionPane.self, FormPane.self, SessionsPane.self]

    /// The view of `pane`.
    public static func view(for pane: Pane) -> (any PaneView.Type)? {
        all.first { $0.pane == pane }
    }
}
