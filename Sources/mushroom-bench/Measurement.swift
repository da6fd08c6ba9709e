import Foundation
import MushroomRPC

/// Runs `body` repeatedly for at least `duration`, in batches of `batch` operations, and returns operations per second.
func rate(for duration: Duration = .seconds(1), batch: Int, _ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    for _ in 0..<batch { try body() }  // warm up
    var operations = 0
    let start = clock.now
    var elapsed = Duration.zero
    while elapsed < duration {
        for _ in 0..<batch { try body() }
        operations += batch
        elapsed = clock.now - start
    }
    return Double(operations) / elapsed.timeInterval
}

/// The async variant of `rate`.
func rate(for duration: Duration = .seconds(1), batch: Int, _ body: () async throws -> Void) async rethrows -> Double {
    let clock = ContinuousClock()
    for _ in 0..<batch { try await body() }
    var operations = 0
    let start = clock.now
    var elapsed = Duration.zero
    while elapsed < duration {
        for _ in 0..<batch { try await body() }
        operations += batch
        elapsed = clock.now - start
    }
    return Double(operations) / elapsed.timeInterval
}
