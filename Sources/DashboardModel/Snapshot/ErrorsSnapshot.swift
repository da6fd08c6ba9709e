import Foundation

/// Errors grouped by kind and method, most recently seen first.
public struct ErrorsSnapshot: Sendable, Hashable {
    /// The visible groups, at most the errors pane's rows (`DashboardLayout.rows(for:)`).
    public let rows: [ErrorGroup]
    /// Index into `rows` of the selected row, when it is visible.
    public let selectedRow: Int?
    /// Errors counted since the model started (or the last clear).
    public let total: Int
}

/// All errors of one kind and method, from one server.
public struct ErrorGroup: Sendable, Hashable {
    /// What went wrong.
    public let kind: ErrorKind
    /// The method concerned; `nil` for errors that concern none (protocol, transport).
    public let method: String?
    /// Occurrences.
    public let count: Int
    /// When it first happened.
    public let firstSeen: Date
    /// When it last happened.
    public let lastSeen: Date
    /// The latest occurrence's detail, one line.
    public let latestDetail: String
    /// The index of the server it concerns (`DashboardConfiguration.servers`).
    public var server = 0
}

/// What went wrong.
public enum ErrorKind: String, Sendable, Hashable, CaseIterable {
    /// A request was answered with an Error (other than method-not-found).
    case errorReply
    /// The peer has no such method: an Error whose data is the method name, or "rpc_" + name.
    case methodNotFound
    /// An outbound request got no answer before its deadline.
    case timeout
    /// A request failed because the connection or session ended.
    case connectionLost
    /// A frame or message was malformed or broke a rule.
    case protocolError
    /// A Response or Error arrived for no pending request (and not late).
    case unmatchedResponse
    /// The outbound buffer was full and a message was refused.
    case outboundOverflow
    /// The connection dropped.
    case transport
    /// The session was lost.
    case sessionLost
    /// A new session could not recover what the lost one missed.
    case notRecovered
}
