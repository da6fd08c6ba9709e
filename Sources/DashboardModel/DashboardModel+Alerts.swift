import Foundation

extension DashboardModel {
    /// Evaluates the alert rules at `now` (call it once a frame, and more often when scripts wait
    /// on it); returns the alerts that fired or cleared. The snapshot shows those firing.
    public mutating func evaluateAlerts(at now: Date) -> [AlertTransition] {
        guard !alerts.rules.isEmpty else { return [] }
        let instant = Instant(now)
        func rates(of stream: NotificationStream) -> [String: Double] {
            Dictionary(uniqueKeysWithValues: alerts.watchedMethods.map { ($0, stream.counters.activity.ratePerSecond1s(of: $0, at: instant)) })
        }
        // On several servers, the one with the most unacknowledged messages and the one heard
        // from longest ago (or never) stand for all.
        let connections = servers.map(\.connection)
        let busiest = connections.indices.max { connections[$0].unacknowledged < connections[$1].unacknowledged } ?? 0
        let quietest = connections.indices.min { (connections[$0].lastReceived ?? .distantPast) < (connections[$1].lastReceived ?? .distantPast) } ?? 0
        func name(_ server: Int) -> String? { watchesSeveralServers ? servers[server].name : nil }
        var facts = AlertMonitor.Facts(
            methodRates: rates(of: stream), errorTotals: errors.log.totalsByKind, unacknowledged: connections[busiest].unacknowledged,
            lastReceived: connections[quietest].lastReceived, unacknowledgedServer: name(busiest), quietServer: name(quietest))
        // A rule that names a server watches that one alone.
        for server in servers.indices where alerts.watchedServers.contains(servers[server].name) {
            facts.servers[servers[server].name] = AlertMonitor.Facts(
                methodRates: rates(of: watchesSeveralServers ? serverStreams[server] : stream), errorTotals: errors.log.totalsByKind(on: server),
                unacknowledged: connections[server].unacknowledged, lastReceived: connections[server].lastReceived,
                unacknowledgedServer: servers[server].name, quietServer: servers[server].name)
        }
        return alerts.evaluate(facts, at: now)
    }
}
