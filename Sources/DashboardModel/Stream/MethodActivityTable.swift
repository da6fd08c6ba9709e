/// Per-method notification counters, bounded: methods beyond the limit count as one "other" method.
/// Besides the notifications, it counts their (estimated) bytes, for the top talkers.
struct MethodActivityTable: Sendable {
    private var index: [String: Int] = [:]
    private var methods: [String] = []
    private var counters: [ActivityCounter] = []
    private var bytes: [ByteCounter] = []
    private let limit: Int
    private let historyLength: Int

    init(limit: Int, historyLength: Int) {
        self.limit = max(1, limit)
        self.historyLength = historyLength
    }

    var count: Int { methods.count }

    /// Every method tracked.
    var names: [String] { methods }

    /// Counts one notification of `method` taking `bytes` bytes.
    mutating func record(method: String, bytes size: Int, at instant: Instant) {
        let position = position(of: method)
        counters[position].record(at: instant)
        bytes[position].record(size, at: instant)
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
        bytes.append(ByteCounter())
        return counters.count - 1
    }

    /// The rate of `method` over the last second at `instant` (0 when it was never seen).
    func ratePerSecond1s(of method: String, at instant: Instant) -> Double {
        index[method].map { counters[$0].ratePerSecond1s(at: instant) } ?? 0
    }

    /// The first `rows` methods at `instant`: those of `first` (the methods of firing alerts, so
    /// that their rows show), then in `order`: by 10 s rate then count, by count then rate, or by
    /// 10 s bytes per second then bytes then rate; then by name.
    func busiest(_ rows: Int, at instant: Instant, by order: RateOrder = .rate, first: Set<String> = []) -> [MethodActivity] {
        let ranked = (0..<methods.count).map { position in
            let counter = counters[position]
            let rate = counter.ratePerSecond10s(at: instant)
            let byteRate = bytes[position].perSecond10s(at: instant)
            let keys: [Double] = switch order {
            case .rate: [rate, Double(counter.count)]
            case .count: [Double(counter.count), rate]
            case .bytes: [byteRate, Double(bytes[position].total), rate]
            }
            return (position, keys, rate, byteRate)
        }
        .sorted { left, right in
            let (leftFirst, rightFirst) = (first.contains(methods[left.0]), first.contains(methods[right.0]))
            if leftFirst != rightFirst { return leftFirst }
            if left.1 != right.1 { return left.1.lexicographicallyPrecedes(right.1, by: >) }
            return methods[left.0] < methods[right.0]
        }
        return ranked.prefix(rows).map { position, _, rate, byteRate in
            let counter = counters[position]
            return MethodActivity(
                method: methods[position], count: counter.count,
                ratePerSecond1s: counter.ratePerSecond1s(at: instant), ratePerSecond10s: rate,
                rateHistory: counter.history(at: instant), bytes: bytes[position].total, bytesPerSecond10s: byteRate)
        }
    }
}
