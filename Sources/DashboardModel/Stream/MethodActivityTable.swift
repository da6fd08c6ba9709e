/// Per-method notification counters, bounded: methods beyond the limit count as one "other" method.
struct MethodActivityTable: Sendable {
    private var index: [String: Int] = [:]
    private var methods: [String] = []
    private var counters: [ActivityCounter] = []
    private let limit: Int
    private let historyLength: Int

    init(limit: Int, historyLength: Int) {
        self.limit = max(1, limit)
        self.historyLength = historyLength
    }

    var count: Int { methods.count }

    /// Every method tracked.
    var names: [String] { methods }

    mutating func record(method: String, at instant: Instant) {
        counters[position(of: method)].record(at: instant)
    }

    /// Counts `events` notifications of `method` that were not seen one by one, spread evenly
    /// from `first` to `last` (see `ActivityCounter.record(_:spreadFrom:to:)`).
    mutating func record(method: String, events: Int, spreadFrom first: Instant, to last: Instant) {
        counters[position(of: method)].record(events, spreadFrom: first, to: last)
    }

    /// The counter of `method`, or of `otherMethod` once the table is full, added when new.
    private mutating func position(of method: String) -> Int {
        if let position = index[method] { return position }
        let name = methods.count < limit - 1 ? method : DashboardConfiguration.otherMethod
        if let position = index[name] { return position }
        index[name] = methods.count
        methods.append(name)
        counters.append(ActivityCounter(historyLength: historyLength))
        return counters.count - 1
    }

    /// The rate of `method` over the last second at `instant` (0 when it was never seen).
    func ratePerSecond1s(of method: String, at instant: Instant) -> Double {
        index[method].map { counters[$0].ratePerSecond1s(at: instant) } ?? 0
    }

    /// The busiest `rows` methods at `instant` (by 10 s rate, then total count, then name), after
    /// those of `first` (the methods of firing alerts, so that their rows show).
    func busiest(_ rows: Int, at instant: Instant, first: Set<String> = []) -> [MethodActivity] {
        let ranked = (0..<methods.count).map { ($0, counters[$0].ratePerSecond10s(at: instant)) }
            .sorted { left, right in
                let (leftFirst, rightFirst) = (first.contains(methods[left.0]), first.contains(methods[right.0]))
                if leftFirst != rightFirst { return leftFirst }
                if left.1 != right.1 { return left.1 > right.1 }
                let (leftCount, rightCount) = (counters[left.0].count, counters[right.0].count)
                if leftCount != rightCount { return leftCount > rightCount }
                return methods[left.0] < methods[right.0]
            }
        return ranked.prefix(rows).map { position, rate in
            let counter = counters[position]
            return MethodActivity(
                method: methods[position], count: counter.count,
                ratePerSecond1s: counter.ratePerSecond1s(at: instant), ratePerSecond10s: rate,
                rateHistory: counter.history(at: instant))
        }
    }
}
