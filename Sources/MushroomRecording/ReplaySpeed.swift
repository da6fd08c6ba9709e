import MushroomCommandLine

/// How fast a recording plays: a multiple of its original timing, or as fast as it reads.
public enum ReplaySpeed: Sendable, Hashable, CustomStringConvertible {
    case times(Double)
    case max

    /// The fastest multiple a person may type: beyond it, use `max`.
    public static let fastest = 1000.0
    /// The multiples `+` and `-` step through.
    public static let steps: [Double] = [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000]

    /// Parses `--speed`: `max`, or a multiple above 0 and at most `fastest`.
    public init(parsing text: String) throws(ArgumentOutOfRange) {
        if text == "max" {
            self = .max
            return
        }
        guard let multiple = Double(text) else { throw ArgumentOutOfRange("\(text) is not a number or max") }
        guard multiple.isFinite, multiple > 0, multiple <= Self.fastest else {
            throw ArgumentOutOfRange("\(multiple) is not a speed above 0 and at most \(Int(Self.fastest)), or max")
        }
        self = .times(multiple)
    }

    /// The next step up (`+`); `max` stays.
    public var faster: ReplaySpeed {
        guard case .times(let multiple) = self else { return .max }
        return Self.steps.first { $0 > multiple }.map(ReplaySpeed.times) ?? .max
    }

    /// The next step down (`-`); from `max`, the fastest step.
    public var slower: ReplaySpeed {
        guard case .times(let multiple) = self else { return .times(Self.fastest) }
        return .times(Self.steps.last { $0 < multiple } ?? multiple)
    }

    /// `x2`, `x0.5`, `max`.
    public var description: String {
        switch self {
        case .max: "max"
        case .times(let multiple): "x" + (multiple == multiple.rounded() ? String(Int(multiple)) : String(multiple))
        }
    }
}
