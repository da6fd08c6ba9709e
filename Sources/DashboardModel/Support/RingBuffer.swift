/// A fixed-capacity FIFO that overwrites its oldest element when full.
///
/// Every element gets a sequence number (0, 1, 2, ... in arrival order) that stays valid while it is
/// retained, so views and selections can refer to elements without copying them.
struct RingBuffer<Element> {
    /// The most elements retained at once.
    let capacity: Int
    private var storage: ContiguousArray<Element> = []
    /// The sequence number the next element gets; also the number of elements ever appended.
    private(set) var endSequence = 0
    /// Elements below this sequence were removed by `removeAll()`.
    private var clearedSequence = 0
    /// Elements overwritten because the buffer was full (not counting those removed by `removeAll()`).
    private(set) var dropped = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The sequence number of the oldest retained element.
    var startSequence: Int { max(clearedSequence, endSequence - capacity) }

    /// The number of retained elements.
    var count: Int { endSequence - startSequence }

    /// Appends `element`, overwriting the oldest one when full.
    mutating func append(_ element: Element) {
        if storage.count < capacity {
            storage.append(element)
        } else {
            if endSequence - capacity >= clearedSequence { dropped += 1 }
            storage[endSequence % capacity] = element
        }
        endSequence += 1
    }

    /// The retained element numbered `sequence` (which must lie in `startSequence..<endSequence`).
    subscript(sequence sequence: Int) -> Element {
        storage[sequence % capacity]
    }

    /// Replaces the retained element numbered `sequence`.
    mutating func update(sequence: Int, _ body: (inout Element) -> Void) {
        body(&storage[sequence % capacity])
    }

    /// Forgets every retained element; sequence numbers keep counting.
    mutating func removeAll() {
        clearedSequence = endSequence
    }
}

extension RingBuffer where Element: Comparable {
    /// The first retained sequence (at or after `startSequence`) whose element is not less than
    /// `value`, assuming retained elements ascend; `endSequence` when there is none.
    func lowerBound(of value: Element) -> Int {
        var low = startSequence
        var high = endSequence
        while low < high {
            let middle = (low + high) / 2
            if self[sequence: middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension RingBuffer: Sendable where Element: Sendable {}
