import CoreMetrics
import Foundation

/// What a cluster node reports to Prometheus: the publications it stored in the cluster's log
/// (`mushroom_cluster_publications_total`), and how long the newest publication it delivered
/// had been stored when it did (`mushroom_cluster_lag_seconds`: how far behind the log it reads).
struct ClusterMetrics: Sendable {
    let stored: CoreMetrics.Counter
    let lag: CoreMetrics.Gauge

    func recordStored(_ count: Int) {
        stored.increment(by: count)
    }

    func recordDelivered(_ batch: [StoredPublication], now: Date = Date()) {
        guard let newest = batch.last?.storedAt else { return }
        lag.record(max(0, now.timeIntervalSince(newest)))
    }
}
