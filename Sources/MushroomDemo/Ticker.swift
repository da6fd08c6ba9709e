import Foundation
import MushroomRPC
import MushroomServer

/// The reference peer's ticker: `ticker.tick` `{"n": N, "ts": T}` to every session every
/// `interval`, N counting 1, 2, 3... without gaps, T the Unix time in seconds.
public struct Ticker: ServerWorkload {
    public let interval: Duration

    public init(interval: Duration) {
        self.interval = interval
    }

    public func run(sessions: SessionList) async {
        await repeatEvery(interval) { n in
            // One level deep: never refused as too deep.
            _ = try? sessions.notify("ticker.tick", ["n": .integer(n), "ts": .double(Date().timeIntervalSince1970)])
        }
    }
}
