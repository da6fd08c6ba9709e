import CoreMetrics
import Synchronization

/// The `mushroom_request_duration_seconds` histograms, one per `method` label, with the label
/// values bounded whatever clients call: a method the handler does not know (it answered
/// `MethodNotFound`) is `unknown`, and a known one gets a histogram of its own while fewer than
/// `limit` have one, `other` after that. A client calling a million made-up names adds one
/// series, not a million. One lock a request.
final class RequestDurations: Sendable {
    static let name = "mushroom_request_duration_seconds"
    /// The label of calls the handler answered with `MethodNotFound`.
    static let unknown = "unknown"
    /// The label of known methods beyond the first `limit`.
    static let other = "other"
    /// The default bound on methods with a label of their own.
    static let defaultLimit = 100

    let limit: Int
    private let factory: any MetricsFactory
    private let byMethod = Mutex<[String: CoreMetrics.Timer]>([:])
    private let unknownMethods: CoreMetrics.Timer
    private let otherMethods: CoreMetrics.Timer

    init(factory: any MetricsFactory, limit: Int = RequestDurations.defaultLimit) {
        self.factory = factory
        self.limit = limit
        unknownMethods = CoreMetrics.Timer(label: Self.name, dimensions: [("method", Self.unknown)], factory: factory)
        otherMethods = CoreMetrics.Timer(label: Self.name, dimensions: [("method", Self.other)], factory: factory)
    }

    /// Records that the handler took `duration` for a request of `method`; `known` is false when
    /// it did not know the method.
    func record(_ duration: Duration, method: String, known: Bool) {
        timer(for: method, known: known).record(duration: duration)
    }

    private func timer(for method: String, known: Bool) -> CoreMetrics.Timer {
        guard known else { return unknownMethods }
        return byMethod.withLock { timers in
            if let timer = timers[method] { return timer }
            guard timers.count < limit else { return otherMethods }
            let timer = CoreMetrics.Timer(label: Self.name, dimensions: [("method", method)], factory: factory)
            timers[method] = timer
            return timer
        }
    }
}
