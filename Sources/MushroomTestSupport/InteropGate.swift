import Foundation
import Testing

/// Decides whether interoperability tests against Python peers run. Without
/// `python3` they are skipped, saying why, unless `MUSHROOM_REQUIRE_INTEROP=1` (CI): then they run
/// and fail, because `ReferencePeer.start` throws `InteropUnavailable`.
public enum InteropGate {
    /// Whether the environment insists that interop tests run.
    public static var isRequired: Bool {
        ProcessInfo.processInfo.environment["MUSHROOM_REQUIRE_INTEROP"] == "1"
    }

    /// The path of `python3` on `PATH`, if any.
    public static var python3: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/python3" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Why interop tests cannot run here, or `nil` when they can.
    public static var unavailableReason: String? {
        python3 == nil ? "python3 is not on PATH, so the Python peers (the reference server, the raw Python client) cannot run" : nil
    }

    /// Whether interop tests should run: they can, or they must (and will then fail).
    public static var shouldRun: Bool { unavailableReason == nil || isRequired }
}

/// Interop tests cannot run, and `MUSHROOM_REQUIRE_INTEROP=1` says they must.
public struct InteropUnavailable: Error, CustomStringConvertible {
    public let reason: String
    public var description: String { "\(reason), and MUSHROOM_REQUIRE_INTEROP=1 requires interop tests to run" }
}

extension Trait where Self == ConditionTrait {
    /// Marks an interop test: skipped with the reason when python3 is missing, unless
    /// `MUSHROOM_REQUIRE_INTEROP=1`, which makes it run and fail instead.
    public static var interop: Self {
        .enabled(if: InteropGate.shouldRun, Comment(rawValue: InteropGate.unavailableReason ?? "interop available"))
    }
}
