/// What the model keeps apart for each server it watches: the connection, and the server's own
/// method list. Their notifications, requests and errors share the panes' lists, each row
/// tagged with the server's index.
struct ServerState: Sendable {
    /// The short name rows carry (`DashboardConfiguration.servers`).
    let name: String
    var connection = ConnectionTracker()
    var methods = ServerMethodList()
}
