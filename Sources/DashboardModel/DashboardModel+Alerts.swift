import Foundation

extension DashboardModel {
    /// Evaluates the alert rules at `now` (call it once a frame, and more often when scripts wait
    /// on it); returns the alerts that fired or cleared. The snapshot shows those firing.
    public mutating func evaluateAlerts(at now: Date) -> [AlertTransition] {
        guard !alerts.rules.isEmpty else { return [] }
        let instant = Instant(now)
        let facts = AlertMonitor.Facts(
            methodRates: Dictionary(uniqueKeysWithValues: alerts.watchedMethods.map { ($0, stream.activity.ratePerSecond1s(of: $0, at: instant)) }),
            errorTotals: errors.log.totalsByKind, unacknowledged: connection.unacknowledged,
            lastReceived: connection.lastReceived)
        return alerts.evaluate(facts, at: now)
    }
}
