import Foundation

/// `mushroom-bench [--json] [SUITE...]`: micro-benchmarks of the core and the dashboard, printed as
/// figures. Build with `-c release`; compare figures within one run (the machines are shared).
let arguments = CommandLine.arguments.dropFirst()
let asJSON = arguments.contains("--json")
let suites = arguments.filter { !$0.hasPrefix("--") }
let available: [String: () async throws -> [Figure]] = [
    "core": CoreBenchmarks.run,
    "model": ModelBenchmarks.run,
    "render": RenderBenchmarks.run,
]
let selected = suites.isEmpty ? available.keys.sorted() : suites
for name in selected {
    guard let suite = available[name] else {
        FileHandle.standardError.write(Data("mushroom-bench: unknown suite '\(name)' (known: \(available.keys.sorted().joined(separator: ", ")))\n".utf8))
        exit(1)
    }
    for figure in try await suite() {
        print(asJSON ? figure.json : figure.line)
    }
}
