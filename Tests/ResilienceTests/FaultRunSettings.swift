import Foundation
import MushroomTestSupport

/// The size and fault rate of a fault run, from the environment so that a longer run can be made
/// by hand:
///
/// - `MUSHROOM_FAULT_MESSAGES`: notifications published per run (default 500).
/// - `MUSHROOM_FAULT_SEED`: the seed, or several separated by commas, one run each (default: one
///   random seed, printed in the report).
/// - `MUSHROOM_FAULT_CUT_PROBABILITY`: the chance that a connection is cut (default 1).
/// - `MUSHROOM_FAULT_CUT_BYTES`: the most bytes a cut connection forwards (default 8192).
struct FaultRunSettings: Sendable {
    var messages = 500
    var seeds: [UInt64] = [UInt64.random(in: 1...UInt64(UInt32.max))]
    var cutProbability = 1.0
    var cutBytes = 8192

    /// The settings, with what the environment overrides.
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(FaultSettingError) -> Self {
        var settings = FaultRunSettings()
        if let text = environment["MUSHROOM_FAULT_MESSAGES"] {
            guard let value = Int(text), value > 0 else { throw FaultSettingError("MUSHROOM_FAULT_MESSAGES", text, "a positive integer") }
            settings.messages = value
        }
        if let text = environment["MUSHROOM_FAULT_SEED"] {
            let seeds = text.split(separator: ",").map { UInt64($0.trimmingCharacters(in: .whitespaces)) }
            guard !seeds.isEmpty, !seeds.contains(nil) else {
                throw FaultSettingError("MUSHROOM_FAULT_SEED", text, "unsigned integers separated by commas")
            }
            settings.seeds = seeds.compactMap { $0 }
        }
        if let text = environment["MUSHROOM_FAULT_CUT_PROBABILITY"] {
            guard let value = Double(text), (0...1).contains(value) else {
                throw FaultSettingError("MUSHROOM_FAULT_CUT_PROBABILITY", text, "a number from 0 to 1")
            }
            settings.cutProbability = value
        }
        if let text = environment["MUSHROOM_FAULT_CUT_BYTES"] {
            guard let value = Int(text), value >= 1 else { throw FaultSettingError("MUSHROOM_FAULT_CUT_BYTES", text, "an integer of at least 1") }
            settings.cutBytes = value
        }
        return settings
    }

    /// The fault plan of the run with `seed`.
    func plan(seed: UInt64) -> FaultPlan {
        var plan = FaultPlan(seed: seed)
        plan.cutProbability = cutProbability
        plan.cutAfterBytes = 1...cutBytes
        return plan
    }

    /// How long one run may take: generous, since the machine is shared; it only bounds a hang.
    var deadline: Duration { .seconds(60) + .milliseconds(20 * messages) }

    /// How many requests the client sends during a run, at most.
    var requests: Int { max(40, messages / 10) }
}

/// An environment variable of a fault run holds what it cannot.
struct FaultSettingError: Error, Hashable, CustomStringConvertible {
    let variable: String
    let value: String
    let expected: String

    init(_ variable: String, _ value: String, _ expected: String) {
        self.variable = variable
        self.value = value
        self.expected = expected
    }

    var description: String { "\(variable)='\(value)': expected \(expected)" }
}
