import MushroomLoad
import MushroomTestSupport
import Synchronization

/// Samples a process's resident set size once a second: the first sample after warm-up is the
/// start figure, the highest is kept, and so is every sample since the start.
final class MemorySampler: Sendable {
    struct Figures: Sendable {
        var startKiB: Int?
        var peakKiB = 0
        /// Every sample from the start figure on, once a second, to show the trend.
        var sinceStartKiB: [Int] = []
    }

    let processIdentifier: Int32
    private let figures = Mutex(Figures())

    init(processIdentifier: Int32) {
        self.processIdentifier = processIdentifier
    }

    var snapshot: Figures { figures.withLock { $0 } }

    /// Samples until `end`; the first sample at or after `warmedUp` becomes the start figure.
    func run(warmedUp: ContinuousClock.Instant, until end: ContinuousClock.Instant) async throws {
        let clock = ContinuousClock()
        while clock.now < end {
            try sample(isStart: clock.now >= warmedUp)
            try await Task.sleep(for: .seconds(1))
        }
    }

    /// Reads the resident set size now and returns it, in KiB.
    @discardableResult
    func sample(isStart: Bool = false) throws -> Int {
        let kib = try ProcessMemory.residentKiB(of: processIdentifier)
        figures.withLock { figures in
            if isStart, figures.startKiB == nil { figures.startKiB = kib }
            figures.peakKiB = max(figures.peakKiB, kib)
            if figures.startKiB != nil { figures.sinceStartKiB.append(kib) }
        }
        return kib
    }
}
