/// How one session takes its cluster's publications: none while its recovery is pending (what
/// it missed comes first, from the log), with their positions once it asked for them, and none
/// up to `floor`, which it received on another node before it came here.
struct ClusterDelivery: Sendable {
    var isHeld = false
    var isPositioned = false
    var floor: Int64 = 0

    /// Whether the publication at `offset` goes to the session now.
    func takes(_ offset: Int64) -> Bool { !isHeld && offset > floor }
}
