import MushroomRPC

/// The conversions of what a person types into command-line options, for ArgumentParser's
/// `@Option(transform:)`. Each refuses a value out of range with a reason, which ArgumentParser
/// reports as one sentence ("The value '1e20' is invalid for '--timeout <timeout>': 1e+20 is
/// not a number of seconds above 0 and at most 3155760000 (100 years)"), so that no typed number
/// reaches arithmetic that could trap.
///
/// ```swift
/// @Option(help: "Seconds to wait.", transform: ArgumentConversion.seconds(allowsZero: false))
/// var timeout: Duration = .seconds(30)
/// ```
public enum ArgumentConversion {
    /// Seconds ("30", "0.25", "1e3") as a duration, through `Duration(checkedSeconds:allowsZero:)`.
    public static func seconds(allowsZero: Bool) -> @Sendable (String) throws -> Duration {
        { text in
            guard let seconds = Double(text) else { throw ArgumentOutOfRange("\(text) is not a number of seconds") }
            return try Duration(checkedSeconds: seconds, allowsZero: allowsZero)
        }
    }

    /// Milliseconds ("200") as a duration, from 0 (or above it) to `Duration.longestAccepted`.
    public static func milliseconds(allowsZero: Bool) -> @Sendable (String) throws -> Duration {
        { text in
            let range = allowsZero ? "from 0 to" : "above 0 and at most"
            let longest = Duration.longestAccepted.components.seconds * 1000
            let refusal = ArgumentOutOfRange("\(text) is not a number of milliseconds \(range) \(longest) (100 years)")
            guard let milliseconds = Double(text) else { throw refusal }
            do {
                return try Duration(checkedSeconds: milliseconds / 1000, allowsZero: allowsZero)
            } catch {
                throw refusal
            }
        }
    }

    /// A whole number within `range`.
    public static func integer(in range: ClosedRange<Int>) -> @Sendable (String) throws -> Int {
        { text in
            guard let number = Int(text), range.contains(number) else {
                throw ArgumentOutOfRange("\(text) is not a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        }
    }
}

/// Why a typed option value was refused: one phrase, without a final period.
public struct ArgumentOutOfRange: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String

    /// A refusal saying `reason`.
    public init(_ reason: String) {
        description = reason
    }
}
