import Synchronization

/// The `method` label values of `mushroom_request_duration_seconds`, bounded whatever clients
/// call: a method the handler does not know (it answered `MethodNotFound`) is `unknown`, and a
/// known one gets a label of its own while fewer than `limit` have one, `other` after that. A
/// client calling a million made-up names adds one series, not a million.
final class MethodLabels: Sendable {
    /// The label of calls the handler answered with `MethodNotFound`.
    static let unknown = "unknown"
    /// The label of known methods beyond the first `limit`.
    static let other = "other"
    /// The default bound on methods with a label of their own.
    static let defaultLimit = 100

    let limit: Int
    private let named = Mutex<Set<String>>([])

    init(limit: Int = MethodLabels.defaultLimit) {
        self.limit = limit
    }

    /// The label of a call of `method`; `known` is false when the handler did not know it.
    func label(for method: String, known: Bool) -> String {
        guard known else { return Self.unknown }
        return named.withLock { named in
            if named.contains(method) { return method }
            guard named.count < limit else { return Self.other }
            named.insert(method)
            return method
        }
    }
}
