/// How one session takes its cluster's publications: none while its recovery is pending (what
/// it missed comes first, from the log), with their positions once it asked for them, and none
/// up to `floor`, which it received on another node before it came here.
struct ClusterDelivery: Sendable {
    var isHeld = false
    var isPositioned = false
    var floor: Int64 = 0

    /// The index of the first of `offsets` (ascending) that the session takes now, all after it
    /// too; `nil` when it takes none of them.
    func firstTaken(of offsets: [Int64]) -> Int? {
        isHeld ? nil : offsets.firstIndex { $0 > floor }
    }
}
