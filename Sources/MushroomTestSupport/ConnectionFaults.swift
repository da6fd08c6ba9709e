import NIOCore
import Synchronization

/// The faults of one proxied connection, drawn from a `FaultPlan`: whether and where it is cut
/// (shared by both directions), and per direction how its bytes are chunked and paused.
final class ConnectionFaults: Sendable {
    /// Which way bytes travel.
    enum Direction: UInt64, Sendable {
        case toServer = 1
        case toClient = 2
    }

    /// What to do with the next piece of a buffer.
    enum Step {
        /// Wait, then continue.
        case pause(Duration)
        /// Forward these bytes.
        case forward(ByteBuffer)
        /// Forward these bytes (possibly none), then cut the connection.
        case cut(ByteBuffer, reset: Bool)
    }

    let plan: FaultPlan
    /// The bytes forwarded before the cut, both directions together; `nil` when never cut.
    let cutAfter: Int?
    private let reset: Bool
    private let connection: UInt64
    private let forwarded = Atomic<Int>(0)

    init(plan: FaultPlan, connection: Int) {
        self.plan = plan
        self.connection = UInt64(connection)
        var generator = SplitMix64(seed: plan.seed, stream: UInt64(connection))
        cutAfter = Double.random(in: 0..<1, using: &generator) < plan.cutProbability
            ? Int.random(in: plan.cutAfterBytes, using: &generator) : nil
        reset = Double.random(in: 0..<1, using: &generator) < plan.resetProbability
    }

    /// The generator of one direction of this connection.
    func generator(for direction: Direction) -> SplitMix64 {
        SplitMix64(seed: plan.seed, stream: connection, direction.rawValue)
    }

    /// The steps that forward `buffer`: split into chunks, with pauses, up to the cut if it is due.
    func steps(for buffer: ByteBuffer, using generator: inout SplitMix64) -> [Step] {
        var remaining = buffer
        var steps: [Step] = []
        let split = chance(plan.splitProbability, &generator)
        while remaining.readableBytes > 0 {
            if chance(plan.stallProbability, &generator) {
                steps.append(.pause(.milliseconds(Int.random(in: plan.stallMilliseconds, using: &generator))))
            } else if chance(plan.delayProbability, &generator) {
                steps.append(.pause(.milliseconds(Int.random(in: plan.delayMilliseconds, using: &generator))))
            }
            let size = split ? min(remaining.readableBytes, Int.random(in: plan.chunkBytes, using: &generator)) : remaining.readableBytes
            let allowed = allowance(for: size)
            if allowed < size {
                steps.append(.cut(remaining.readSlice(length: allowed) ?? ByteBuffer(), reset: reset))
                return steps
            }
            steps.append(.forward(remaining.readSlice(length: size) ?? ByteBuffer()))
        }
        return steps
    }

    /// Counts `count` bytes as forwarded; returns how many of them may go before the cut.
    private func allowance(for count: Int) -> Int {
        let before = forwarded.add(count, ordering: .relaxed).oldValue
        guard let cutAfter else { return count }
        return max(0, min(count, cutAfter - before))
    }

    private func chance(_ probability: Double, _ generator: inout SplitMix64) -> Bool {
        probability > 0 && Double.random(in: 0..<1, using: &generator) < probability
    }
}
