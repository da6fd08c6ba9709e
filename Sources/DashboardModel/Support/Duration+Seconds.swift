/// Durations as floating-point numbers, for arithmetic with `Date` intervals and rates.
extension Duration {
    /// This duration in seconds, fractional.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// This duration in microseconds, fractional.
    var microseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1e6 + Double(attoseconds) / 1e12
    }
}
