import CoreMetrics
import MushroomRPC
import Prometheus
import Synchronization

/// A server's metrics, recorded through swift-metrics into a Prometheus registry of its own (no
/// global `MetricsSystem` bootstrap: servers in one process keep apart) and served by
/// `MetricsService` in the Prometheus text format. README lists them.
///
/// What it costs where it matters: nothing per message. Messages are counted by the engines
/// themselves (`Engine.traffic`, a plain increment under the lock they hold to send or receive
/// anyway); sessions by transport, unacknowledged messages, message totals and slow-consumer
/// disconnects are read from the session list when Prometheus scrapes (`refresh`), in time
/// proportional to the sessions. Bootstraps and request durations are recorded as they happen,
/// once per bootstrap or request.
///
/// A cluster node's metrics (`cluster`) are recorded by its `ClusterRelay`, as it stores and
/// delivers: once per batch, not per message. `factory` (public as
/// `MushroomServer.metricsFactory`) makes an application's own metrics, served with the rest.
final class ServerMetrics: Sendable {
    /// The content type of the Prometheus text format.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"
    /// The buckets of `mushroom_request_duration_seconds`, from 100 µs to 10 s.
    static let requestDurationBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5),
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]

    let registry = PrometheusCollectorRegistry()
    /// Makes this server's swift-metrics metrics in `registry`.
    let factory: PrometheusMetricsFactory
    private let sessions: [TransportKind: CoreMetrics.Gauge]
    private let bootstraps: [BootstrapOutcome: CoreMetrics.Counter]
    private let received: [Message.Code: CoreMetrics.Counter]
    private let sent: [Message.Code: CoreMetrics.Counter]
    private let unacknowledged: CoreMetrics.Gauge
    private let slowConsumerDisconnects: CoreMetrics.Counter
    private let requestDurations: RequestDurations
    private let reported = Mutex(Reported())
    /// `mushroom_cluster_publications_total` and `mushroom_cluster_lag_seconds`.
    let cluster: ClusterMetrics

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [RequestDurations.name: Self.requestDurationBuckets]
        self.factory = factory
        // Every label value is made up front: each series reads 0 from the first scrape.
        sessions = Self.byValue(TransportKind.allCases) { CoreMetrics.Gauge(label: "mushroom_sessions", dimensions: [("transport", $0.rawValue)], factory: factory) }
        bootstraps = Self.byValue(BootstrapOutcome.allCases) { CoreMetrics.Counter(label: "mushroom_bootstraps_total", dimensions: [("status", $0.rawValue)], factory: factory) }
        received = Self.byValue(Message.Code.allCases) { CoreMetrics.Counter(label: "mushroom_messages_received_total", dimensions: [("type", $0.label)], factory: factory) }
        sent = Self.byValue(Message.Code.allCases) { CoreMetrics.Counter(label: "mushroom_messages_sent_total", dimensions: [("type", $0.label)], factory: factory) }
        unacknowledged = CoreMetrics.Gauge(label: "mushroom_unacknowledged_messages", factory: factory)
        slowConsumerDisconnects = CoreMetrics.Counter(label: "mushroom_slow_consumer_disconnects_total", factory: factory)
        requestDurations = RequestDurations(factory: factory)
        cluster = ClusterMetrics(
            stored: CoreMetrics.Counter(label: "mushroom_cluster_publications_total", factory: factory),
            lag: CoreMetrics.Gauge(label: "mushroom_cluster_lag_seconds", factory: factory))
    }

    private static func byValue<Key: Hashable, Metric>(_ keys: [Key], _ make: (Key) -> Metric) -> [Key: Metric] {
        Dictionary(uniqueKeysWithValues: keys.map { ($0, make($0)) })
    }

    /// Counts a bootstrap request that ended with `outcome`.
    func recordBootstrap(_ outcome: BootstrapOutcome) {
        bootstraps[outcome]?.increment()
    }

    /// Records the handling time of a request of `method` (`known` false when the handler
    /// answered `MethodNotFound`), under a bounded method label (`RequestDurations`).
    func recordRequest(_ method: String, known: Bool, duration: Duration) {
        requestDurations.record(duration, method: method, known: known)
    }

    /// The metrics in the Prometheus text format, brought up to date with `sessions` first.
    func exposition(of sessions: SessionList) -> [UInt8] {
        refresh(from: sessions.census())
        return registry.emitToBuffer()
    }

    /// Sets the gauges to `census` and advances each counter to its total there (never back:
    /// a total read while a session ends may briefly run ahead of the next one).
    func refresh(from census: SessionList.Census) {
        reported.withLock { reported in
            for (transport, gauge) in sessions { gauge.record(census.sessions[transport, default: 0]) }
            unacknowledged.record(census.unacknowledged)
            for code in Message.Code.allCases {
                Self.advance(sent[code], &reported.sent[code, default: 0], to: census.traffic.sent[code])
                Self.advance(received[code], &reported.received[code, default: 0], to: census.traffic.received[code])
            }
            Self.advance(slowConsumerDisconnects, &reported.slowConsumerDisconnects, to: census.slowConsumerDisconnects)
        }
    }

    /// The totals the counters were last advanced to.
    private struct Reported {
        var sent: [Message.Code: Int] = [:]
        var received: [Message.Code: Int] = [:]
        var slowConsumerDisconnects = 0
    }

    private static func advance(_ counter: CoreMetrics.Counter?, _ reported: inout Int, to total: Int) {
        guard total > reported else { return }
        counter?.increment(by: total - reported)
        reported = total
    }
}

extension Message.Code {
    /// The value of the `type` label: `heartbeat`, `notification`, `request`, `response`,
    /// `error`, `disconnect`.
    var label: String { name.lowercased() }
}
