import ArgumentParser
import MushroomLoad

/// `mushroom-bench [--json] [SUITE...]`: micro-benchmarks of the core and the dashboard, printed as
/// figures. Build with `-c release`; compare figures within one run (the machines are shared).
struct MicroCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "micro",
        abstract: "Run the micro-benchmark suites (all by default) and print their figures.")

    static let suites: [String: @Sendable () async throws -> [Figure]] = [
        "core": CoreBenchmarks.run,
        "model": ModelBenchmarks.run,
        "overload": OverloadBenchmarks.run,
        "render": RenderBenchmarks.run,
    ]

    @Argument(help: "The suites to run: core, model, overload, render (default: all).")
    var selected: [String] = []

    @Flag(help: "Print one JSON object per figure and line.")
    var json = false

    func validate() throws {
        for name in selected where Self.suites[name] == nil {
            throw ValidationError("unknown suite '\(name)' (known: \(Self.suites.keys.sorted().joined(separator: ", ")))")
        }
    }

    func run() async throws {
        for name in selected.isEmpty ? Self.suites.keys.sorted() : selected {
            guard let suite = Self.suites[name] else { continue }
            for figure in try await suite() {
                console.printLine(json ? figure.json : figure.line)
            }
        }
    }
}
