import Synchronization

/// A count shared between tasks.
final class Counter: Sendable {
    private let storage = Atomic<Int>(0)

    var value: Int { storage.load(ordering: .relaxed) }

    func increment() { storage.add(1, ordering: .relaxed) }
}
