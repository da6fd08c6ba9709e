/// Lets at most `burst` log lines through a second and counts the rest, so that a peer sending
/// a flood of bad input (100,000 refused requests in one poll body) costs a few lines, not one
/// a message, and the count of what was left out is still logged.
struct LogThrottle: Sendable {
    /// The most lines an engine logs in one second.
    static let burstPerEngine = 20
    /// The most lines let through in one second.
    let burst: Int
    private var windowStart: ContinuousClock.Instant?
    private var admitted = 0
    private var suppressed = 0

    init(burst: Int) {
        self.burst = burst
    }

    /// Whether a line logged at `now` goes through, and how many were left out in the windows
    /// before it (reported once, then counted anew).
    mutating func admit(at now: ContinuousClock.Instant) -> (admitted: Bool, suppressedBefore: Int) {
        var reported = 0
        if let windowStart, now - windowStart < .seconds(1) {
            guard admitted < burst else {
                suppressed += 1
                return (false, 0)
            }
        } else {
            windowStart = now
            admitted = 0
            reported = suppressed
            suppressed = 0
        }
        admitted += 1
        return (true, reported)
    }

    /// The lines left out since the last report, and starts counting anew.
    mutating func takeSuppressed() -> Int {
        defer { suppressed = 0 }
        return suppressed
    }
}
