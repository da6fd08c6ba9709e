import Foundation
import MushroomRPC

/// Short, fixed-width renderings of times, durations and rates for the panes.
public struct Format: Sendable {
    /// The time zone for times of day (tests pin UTC).
    public let timeZone: TimeZone

    /// Formats with times of day in `timeZone`.
    public init(timeZone: TimeZone = .current) {
        self.timeZone = timeZone
    }

    /// "HH:MM:SS.mmm" in `timeZone`.
    public func timeOfDay(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        let milliseconds = Int64((seconds * 1000).rounded(.down))
        let day = ((milliseconds % 86_400_000) + 86_400_000) % 86_400_000
        let hours = day / 3_600_000, minutes = day / 60_000 % 60, secs = day / 1000 % 60, millis = day % 1000
        return "\(Self.two(hours)):\(Self.two(minutes)):\(Self.two(secs)).\(Self.three(millis))"
    }

    /// "850ms", "3.2s", "1m05s", "2h03m"; negative durations get a leading "-".
    public static func duration(_ duration: Duration) -> String {
        let total = duration.timeInterval
        if total < 0 { return "-" + Self.duration(.zero - duration) }
        if total < 1 { return "\(Int((total * 1000).rounded(.down)))ms" }
        if total < 10 { return String(format: "%.1fs", (total * 10).rounded(.down) / 10) }
        let whole = Int64(total.rounded(.down))
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m\(two(whole % 60))s" }
        return "\(whole / 3600)h\(two(whole / 60 % 60))m"
    }

    /// "12.5/s" below 100, "340/s" above, "1.2k/s" from 1000.
    public static func rate(_ perSecond: Double) -> String {
        if perSecond >= 1000 { return String(format: "%.1fk/s", perSecond / 1000) }
        if perSecond >= 100 { return "\(Int(perSecond.rounded()))/s" }
        return String(format: "%.1f/s", perSecond)
    }

    /// A duration, or "-" when there is none (a method never answered).
    public static func duration(_ duration: Duration?) -> String {
        duration.map { Self.duration($0) } ?? "-"
    }

    /// "512B/s", "12.5kB/s", "3.4MB/s" (decimal units).
    public static func byteRate(_ perSecond: Double) -> String {
        if perSecond >= 1e6 { return String(format: "%.1fMB/s", perSecond / 1e6) }
        if perSecond >= 1e3 { return String(format: "%.1fkB/s", perSecond / 1e3) }
        return "\(Int(perSecond.rounded()))B/s"
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
    private static func three(_ value: Int64) -> String { value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)" }
}
