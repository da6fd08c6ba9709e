import Foundation

/// An alert that started or stopped firing.
public struct AlertTransition: Sendable, Hashable {
    /// Whether it started or stopped.
    public enum State: String, Sendable, Hashable {
        case fired
        case cleared
    }

    /// The rule, what happened and when.
    public let rule: AlertRule
    public let state: State
    public let time: Date
    /// What made it fire (nil when it clears).
    public let detail: String?
}

/// An alert that is firing: its rule, since when, what made it fire and the row it concerns.
public struct FiringAlert: Sendable, Hashable {
    public let rule: AlertRule
    public let since: Date
    public let detail: String
    public let subject: AlertSubject?
}

/// The row an alert concerns, which the screen marks.
public enum AlertSubject: Sendable, Hashable {
    /// A method's row in the rates pane.
    case method(String)
    /// The error groups of a kind (every kind when nil).
    case errors(ErrorKind?)
}

extension DashboardSnapshot {
    /// Whether a firing alert concerns `method`'s row in the rates pane.
    public func hasAlert(onMethod method: String) -> Bool {
        alerts.contains { $0.subject == .method(method) }
    }

    /// Whether a firing alert concerns the error groups of `kind`.
    public func hasAlert(onErrors kind: ErrorKind) -> Bool {
        alerts.contains { $0.subject == .errors(kind) || $0.subject == .errors(nil) }
    }
}
