import Foundation
import MushroomRPC

/// A dashboard on several servers: which one the panes show alone, which one the form sends to,
/// and what the screen says about each.
extension DashboardModel {
    /// Whether the dashboard watches more than one server (rows then carry their server's name).
    public var watchesSeveralServers: Bool { servers.count > 1 }

    /// The stream the stream pane shows: the server's own while one is shown alone, else every server's.
    var shownStream: NotificationStream {
        get { shownServer.map { serverStreams[$0] } ?? stream }
        set {
            if let shownServer { serverStreams[shownServer] = newValue } else { stream = newValue }
        }
    }

    /// Applies `change` to each stream that holds `server`'s notifications: the merged one, and
    /// the server's own on several servers.
    mutating func updateStreams(of server: Int, _ change: (inout NotificationStream) -> Void) {
        change(&stream)
        if serverStreams.indices.contains(server) { change(&serverStreams[server]) }
    }

    /// Changes the shown stream with `change`, then gives every other stream the same filter and
    /// pause: a filter applies across servers, and a pause freezes every view.
    mutating func changeStreams(_ change: (inout NotificationStream) -> Void) {
        change(&shownStream)
        let shown = shownStream
        func follow(_ other: inout NotificationStream) {
            if other.filterText != shown.filterText {
                if let text = shown.filterText { other.applyFilter(text: text) } else { other.clearFilter() }
            }
            if (other.pausedEnd == nil) != (shown.pausedEnd == nil) { other.togglePause() }
        }
        if shownServer != nil { follow(&stream) }
        for index in serverStreams.indices where index != shownServer { follow(&serverStreams[index]) }
    }

    /// The connection the connection pane shows: the server shown alone, else the form's server.
    var connection: ConnectionTracker {
        get { servers[shownServer ?? formServer].connection }
        set { servers[shownServer ?? formServer].connection = newValue }
    }

    /// Shows `server`'s rows alone in the stream, requests and errors (`nil`: every server's
    /// merged); the form then sends to it. The lists start again from their newest rows.
    mutating func show(server: Int?) {
        guard server.map(servers.indices.contains) ?? true else { return }
        shownServer = server
        requests.tracker.server = server
        requests.position = ListPosition()
        errors.log.server = server
        errors.position = ListPosition()
        detail = nil
        if let server { target(server: server) }
    }

    /// The next view of `cycleServer`: all merged, then each server alone, in order.
    var nextShownServer: Int? {
        guard let shownServer else { return 0 }
        return shownServer + 1 < servers.count ? shownServer + 1 : nil
    }

    /// Makes the form send to `server`; the sessions pane then lists that server's sessions.
    mutating func target(server: Int) {
        guard servers.indices.contains(server), server != formServer else { return }
        formServer = server
        sessions = SessionTable()
    }

    /// The message's JSON record, with `"server": NAME` when the dashboard watches several.
    func record(of message: SelectedMessage) -> JSONValue {
        guard watchesSeveralServers, case .object(var members) = message.record else { return message.record }
        members["server"] = .string(servers[message.server].name)
        return .object(members)
    }

    /// The servers for the header and the panes' titles; `nil` on a dashboard on one server.
    func serversSnapshot(at now: Date) -> ServersSnapshot? {
        guard watchesSeveralServers else { return nil }
        return ServersSnapshot(
            names: servers.map(\.name), connections: servers.map { $0.connection.snapshot(at: now) }, shown: shownServer,
            formTarget: formServer)
    }
}
