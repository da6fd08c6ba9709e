/// What a `TCPProxy` does to the connections it forwards, drawn from a seeded generator so that a
/// run can be replayed: cuts after a random number of bytes (mid-frame, mid-body, mid-header),
/// short delays and longer stalls before chunks, and writes split into small chunks.
///
/// Each connection draws its faults from its own generator, seeded from `seed` and the
/// connection's number; each direction from its own as well.
public struct FaultPlan: Sendable, Hashable, CustomStringConvertible {
    /// The seed of every generator of the run.
    public var seed: UInt64
    /// The chance that a connection is cut at all; below 1, some connections always get through.
    public var cutProbability = 0.5
    /// A cut connection is cut after forwarding this many bytes, both directions together; the
    /// chunk crossing the limit is forwarded only up to it.
    public var cutAfterBytes = 1...16_384
    /// The chance that a cut resets the connection (RST) rather than closing it (FIN).
    public var resetProbability = 0.3
    /// The chance that a buffer read from one side is written to the other in small chunks...
    public var splitProbability = 0.3
    /// ...of these sizes.
    public var chunkBytes = 1...64
    /// The chance that a chunk waits before it is forwarded...
    public var delayProbability = 0.02
    /// ...this many milliseconds.
    public var delayMilliseconds = 1...20
    /// The chance that a direction stops forwarding before a chunk (a stall; reading stops too, so
    /// the sender is pushed back)...
    public var stallProbability = 0.002
    /// ...for this many milliseconds, then resumes.
    public var stallMilliseconds = 50...500

    public init(seed: UInt64) {
        self.seed = seed
    }

    public var description: String {
        "seed \(seed): cut \(Int(cutProbability * 100))% of connections after \(cutAfterBytes) bytes"
            + " (\(Int(resetProbability * 100))% reset), split \(Int(splitProbability * 100))% into \(chunkBytes) bytes,"
            + " delay \(percent(delayProbability)) by \(delayMilliseconds) ms, stall \(percent(stallProbability)) for \(stallMilliseconds) ms"
    }

    private func percent(_ probability: Double) -> String {
        "\((probability * 1000).rounded() / 10)%"
    }
}
