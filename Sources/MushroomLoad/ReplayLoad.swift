import Foundation
import MushroomRecording
import MushroomRPC
import Synchronization

/// The `replay` scenario: what playing a recording costs. It writes a recording of `lines`
/// notifications (the ingest scenario's payload), then times `mushroom watch --replay FILE
/// --json --speed max` writing to a file, and plays it in `mushroom dash --replay FILE --speed
/// max` on a 120x40 pseudo-terminal, reading the dashboard's RSS from /proc every 50 ms until its
/// footer says the replay finished: its memory must stay flat, the peak within 10% of the RSS
/// after the first quarter of the playback (the warm-up).
public enum ReplayLoad {
    /// The lines a run may ask for.
    public static let lineRange = 1_000...10_000_000

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// What a `replay` run measured.
    public struct Result: Sendable {
        public let lines: Int
        public let watchSeconds: Double
        public let dashSeconds: Double
        public let dashWarmKiB: Int
        public let dashPeakKiB: Int

        public var watchRate: Double { watchSeconds > 0 ? Double(lines) / watchSeconds : 0 }
        public var dashGrowth: Double { dashWarmKiB > 0 ? Double(dashPeakKiB - dashWarmKiB) / Double(dashWarmKiB) * 100 : 0 }

        public var figures: [Figure] {
            [
                Figure(name: "replay.watch.rate", value: watchRate, unit: "messages/s"),
                Figure(name: "replay.dash.seconds", value: dashSeconds, unit: "s"),
                Figure(name: "replay.dash.rss_after_warmup", value: Double(dashWarmKiB) / 1024, unit: "MiB"),
                Figure(name: "replay.dash.rss_peak", value: Double(dashPeakKiB) / 1024, unit: "MiB"),
                Figure(name: "replay.dash.rss_growth", value: dashGrowth, unit: "%"),
            ]
        }

        public var report: String {
            [
                "====== replay (\(lines) lines) ======",
                "  watch --replay --json --speed max: \(String(format: "%.2f", watchSeconds)) s, \(String(format: "%.0f", watchRate)) messages per second",
                "  dash --replay --speed max: \(String(format: "%.2f", dashSeconds)) s; RSS \(String(format: "%.1f", Double(dashWarmKiB) / 1024)) MiB "
                    + "after the first quarter, peak \(String(format: "%.1f", Double(dashPeakKiB) / 1024)) MiB (\(String(format: "%+.1f", dashGrowth))%)",
            ].joined(separator: "\n")
        }
    }

    public static func run(lines: Int, executable: String) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory
        let recording = directory.appendingPathComponent("mushroom-replay-\(UUID().uuidString).ndjson").path
        let output = directory.appendingPathComponent("mushroom-replay-\(UUID().uuidString).out").path
        defer {
            try? FileManager.default.removeItem(atPath: recording)
            try? FileManager.default.removeItem(atPath: output)
        }
        try write(lines: lines, to: recording)
        let watchSeconds = try await timeWatch(executable: executable, recording: recording, output: output)
        let (dashSeconds, samples) = try await playInDash(executable: executable, recording: recording)
        guard samples.count >= 4 else { throw Failure(description: "the dashboard finished before its memory could be sampled") }
        let warm = samples[samples.count / 4]
        return Result(lines: lines, watchSeconds: watchSeconds, dashSeconds: dashSeconds, dashWarmKiB: warm, dashPeakKiB: samples[(samples.count / 4)...].max() ?? warm)
    }

    /// A header, then `lines` notifications 10 µs apart, written in chunks.
    private static func write(lines: Int, to path: String) throws {
        let file: RecordingFile
        do {
            file = try RecordingFile(creating: path)
            var bytes = RecordingHeader(url: "http://127.0.0.1:1/", transport: "ws", started: Date(timeIntervalSince1970: 1_000_000)).line
            for number in 0..<lines {
                let notification = Message.notification(.init(id: number, method: IngestOptions.topic, data: IngestOptions.payload))
                RecordedTraffic(time: 1_000_000 + Double(number) / 100_000, kind: .message(.in, notification)).appendLine(to: &bytes)
                if bytes.count >= 1 << 20 {
                    try file.write(bytes)
                    bytes.removeAll(keepingCapacity: true)
                }
            }
            try file.write(bytes)
        } catch {
            throw Failure(description: error.description)
        }
    }

    private static func timeWatch(executable: String, recording: String, output: String) async throws -> Double {
        let start = ContinuousClock.now
        let watch = try spawn([executable, "watch", "--replay", recording, "--json", "--speed", "max"], output: .file(output))
        while !watch.hasExited { try? await Task.sleep(for: .milliseconds(1)) }
        return (ContinuousClock.now - start).timeInterval
    }

    private static func playInDash(executable: String, recording: String) async throws -> (Double, [Int]) {
        let start = ContinuousClock.now
        let dash = try spawn(
            [executable, "dash", "--replay", recording, "--speed", "max"], output: .terminal(rows: 40, columns: 120),
            environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        let samples = Mutex<[Int]>([])
        let sampling = Task {
            while !Task.isCancelled, !dash.hasExited {
                if let kib = try? ProcessMemory.residentKiB(of: dash.processIdentifier) { samples.withLock { $0.append(kib) } }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        let finished = await dash.waitFor("finished", timeout: .seconds(600))
        let seconds = (ContinuousClock.now - start).timeInterval
        sampling.cancel()
        await sampling.value
        dash.type("q")
        await dash.waitForExit(timeout: .seconds(5))
        guard finished else { throw Failure(description: "mushroom dash --replay did not finish within 600 s") }
        return (seconds, samples.withLock { $0 })
    }

    private static func spawn(_ arguments: [String], output: ClientProcess.Output, environment: [String: String] = [:]) throws -> ClientProcess {
        do {
            return try ClientProcess(arguments, output: output, environment: environment)
        } catch {
            throw Failure(description: error.description)
        }
    }
}
