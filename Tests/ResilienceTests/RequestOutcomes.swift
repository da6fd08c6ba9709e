import MushroomClient
import MushroomRPC
import Synchronization

/// What became of the requests sent during a run: each completes with the right answer, or fails
/// with `RequestTimeout` or `ConnectionLost`; anything else is a failure of the test.
final class RequestOutcomes: Sendable {
    struct Counts: Sendable {
        var completed = 0
        var timedOut = 0
        var lost = 0
        /// Wrong answers and unexpected errors, described.
        var wrong: [String] = []
    }

    private let counts = Mutex(Counts())

    var current: Counts { counts.withLock { $0 } }

    /// Sends `echo` requests one after the other, each with `timeout`, until `count` were sent or
    /// `stop` says so.
    func send(
        _ count: Int, through client: MushroomClient, label: Int, timeout: Duration, stop: @Sendable () -> Bool
    ) async {
        for index in 0..<count where !stop() {
            let data: JSONValue = ["sender": .integer(Int64(label)), "i": .integer(Int64(index))]
            do {
                let answer = try await client.request("echo", data, timeout: timeout)
                counts.withLock { counts in
                    if answer == data {
                        counts.completed += 1
                    } else {
                        counts.wrong.append("echo \(data.compactString) answered \(answer.compactString)")
                    }
                }
            } catch is RequestTimeout {
                counts.withLock { $0.timedOut += 1 }
            } catch is ConnectionLost {
                counts.withLock { $0.lost += 1 }
            } catch {
                counts.withLock { $0.wrong.append("echo \(data.compactString) failed with \(type(of: error)): \(error)") }
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }
}
