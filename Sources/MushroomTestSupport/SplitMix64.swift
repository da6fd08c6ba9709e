/// SplitMix64: a small deterministic random number generator, so that a fault run can be
/// replayed from its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one part of a run (a connection, a direction), independent of the others.
    public init(seed: UInt64, stream: UInt64...) {
        var mixer = SplitMix64(seed: seed)
        for part in stream { mixer = SplitMix64(seed: mixer.next() ^ part) }
        self = mixer
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
