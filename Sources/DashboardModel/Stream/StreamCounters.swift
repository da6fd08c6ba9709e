import Foundation
import MushroomRPC

/// What the stream counts of the notifications received, with a row or skipped: by method (the
/// rates pane), in all (the stream's rate), and those skipped (counted without a row because the
/// screen fell behind).
struct StreamCounters: Sendable {
    private(set) var activity: MethodActivityTable
    private(set) var total: ActivityCounter
    /// Notifications received, with a row or skipped.
    private(set) var received = 0
    /// Notifications counted without a row.
    private(set) var skipped = 0

    init(configuration: DashboardConfiguration) {
        activity = MethodActivityTable(limit: configuration.maximumTrackedMethods, historyLength: configuration.rateHistoryLength)
        total = ActivityCounter(historyLength: configuration.rateHistoryLength)
    }

    /// Counts a notification of `method` whose frame takes about `bytes` bytes.
    mutating func record(method: String, bytes: Int, at instant: Instant) {
        activity.record(method: method, bytes: bytes, at: instant)
        total.record(at: instant)
        received += 1
    }

    /// Counts the notifications the engine's subscription dropped, by method and in the rates,
    /// spread over the time they arrived in; the busiest methods first, so that they keep rows
    /// of their own in a table near its limit.
    mutating func recordSkipped(_ dropped: EventSubscription.DroppedNotifications) {
        let (first, last) = (Instant(dropped.first), Instant(dropped.last))
        for (method, count) in dropped.byMethod.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
            activity.record(method: method, events: count, spreadFrom: first, to: last)
        }
        if dropped.unnamed > 0 {
            activity.record(method: DashboardConfiguration.otherMethod, events: dropped.unnamed, spreadFrom: first, to: last)
        }
        total.record(dropped.total, spreadFrom: first, to: last)
        skipped += dropped.total
        received += dropped.total
    }
}
