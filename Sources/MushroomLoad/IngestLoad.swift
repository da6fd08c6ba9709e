import Foundation
import MushroomClient
import MushroomRPC
import Synchronization

/// The client whose ingest an `ingest` run measures.
public enum IngestClient: String, Sendable, CaseIterable {
    /// `mushroom watch URL --json`, its lines written to a file.
    case watch
    /// `mushroom dash URL` drawing on a pseudo-terminal of 120 by 40.
    case dash
}

/// Everything that defines one `ingest` run.
public struct IngestOptions: Sendable {
    /// The bootstrap URL of a Swift `mushroom serve --demo` of the run's own (it needs the demo's
    /// `publish_topic`; every other session on it would share the flood).
    public var url: String
    public var client: IngestClient
    /// Notifications per second published to the client.
    public var rate: Int
    /// The measurement window.
    public var duration: Duration
    /// The flood runs this long before the window opens (the client warms up).
    public var warmup: Duration
    public var transport: TransportKind
    /// The `mushroom` executable the client runs from.
    public var executable: String
    /// Whether the client also records the session (`--record FILE`, a temporary file).
    public var record = false
    /// More servers the dashboard watches at once (`mushroom dash URL URL...`), each a Swift
    /// `mushroom serve --demo` of the run's own flooded at `rate` like `url`.
    public var otherURLs: [String] = []

    /// Every server of the run, `url` first.
    public var urls: [String] { [url] + otherURLs }

    /// The rates a run may ask for: from one publication every 10 ms up to what one
    /// `publish_topic` call (at most 10,000 publications) every 10 ms makes.
    public static let rateRange = 100...1_000_000
    /// The topic of the flood (the client never subscribes, so it receives every topic).
    public static let topic = "bench.ingest"
    /// The topic of the probes that show the client is connected.
    public static let probeTopic = "bench.ingest.probe"
    /// The data of every notification: the shape and size of a small real event.
    public static let payload: JSONValue = ["order": 1042, "product": "mushroom kit", "quantity": 2, "total": 42.5]

    public init(
        url: String, client: IngestClient, rate: Int = 100_000, duration: Duration = .seconds(5),
        warmup: Duration = .seconds(1), transport: TransportKind = .webSocket, executable: String
    ) {
        self.url = url
        self.client = client
        self.rate = rate
        self.duration = duration
        self.warmup = warmup
        self.transport = transport
        self.executable = executable
    }
}

/// What an `ingest` run measured.
public struct IngestResult: Sendable {
    public let client: IngestClient
    /// Whether the client recorded the session.
    public let recorded: Bool
    /// The servers the client watched, each flooded at the run's rate.
    public var servers = 1
    /// Notifications published in the measurement window.
    public let notifications: Int
    public let measuredSeconds: Double
    /// The client's CPU time over the window and until it settled.
    public let cpuSeconds: Double
    /// Notifications the client did not show (`watch`: lines missing from its output at the end).
    public let lost: Int?
    /// Key-to-screen latencies under the flood (`dash`), in nanoseconds.
    public let keyLatency: LatencySummary?
    /// Keys the dashboard did not answer within the probe's timeout.
    public let keysUnanswered: Int

    /// Notifications per second delivered in the window.
    public var rate: Double { measuredSeconds > 0 ? Double(notifications) / measuredSeconds : 0 }
    /// The client's CPU microseconds per notification.
    public var cpuPerNotification: Double { notifications > 0 ? cpuSeconds * 1e6 / Double(notifications) : 0 }
    /// The client's CPU as a share of one core over the window, in percent.
    public var coreShare: Double { measuredSeconds > 0 ? cpuSeconds / measuredSeconds * 100 : 0 }

    public var figures: [Figure] {
        let name = "ingest.\(client.rawValue)" + (servers > 1 ? ".servers\(servers)" : "") + (recorded ? ".recording" : "")
        var figures = [
            Figure(name: "\(name).rate", value: rate, unit: "notifications/s"),
            Figure(name: "\(name).cpu_per_notification", value: cpuPerNotification, unit: "us"),
            Figure(name: "\(name).core_share", value: coreShare, unit: "%"),
        ]
        if let lost { figures.append(Figure(name: "\(name).lost", value: Double(lost), unit: "notifications")) }
        if let keyLatency {
            figures.append(Figure(name: "\(name).key_latency.p50", value: Double(keyLatency.p50) / 1e6, unit: "ms"))
            figures.append(Figure(name: "\(name).key_latency.max", value: Double(keyLatency.max) / 1e6, unit: "ms"))
            figures.append(Figure(name: "\(name).keys_unanswered", value: Double(keysUnanswered), unit: "keys"))
        }
        return figures
    }

    public var report: String {
        var lines = [
            "====== ingest (\(client.rawValue)\(servers > 1 ? ", \(servers) servers" : "")\(recorded ? ", recording" : "")) ======",
            "  \(notifications) notifications in \(String(format: "%.2f", measuredSeconds)) seconds: \(String(format: "%.0f", rate)) per second",
            "  client CPU \(String(format: "%.3f", cpuSeconds)) s: \(String(format: "%.2f", cpuPerNotification)) us per notification, "
                + "\(String(format: "%.0f", coreShare))% of one core",
        ]
        if let lost { lines.append("  \(lost) notifications missing from its output") }
        if let keyLatency {
            lines.append(
                "  a key answered on screen in \(String(format: "%.1f", Double(keyLatency.p50) / 1e6)) ms (median), "
                    + "\(String(format: "%.1f", Double(keyLatency.max) / 1e6)) ms at most; \(keysUnanswered) of "
                    + "\(keyLatency.count + keysUnanswered) not answered within \(IngestLoad.keyTimeout)")
        }
        return lines.joined(separator: "\n")
    }
}

/// The `ingest` scenario: the CPU a client process spends per notification it receives, drawing
/// or printing it, measured from outside (`/proc/PID/stat`).
///
/// A publisher connects (subscribed to a topic nothing is published on, so the flood passes it
/// by) and the client starts as a child process. Once a probe publication shows on the client,
/// the publisher calls the demo's `publish_topic` every 10 ms with `repeat` set to a hundredth of
/// the rate, through the warm-up and the window. The client's CPU is taken when the window opens
/// and once it has shown everything (`watch`: its output holds every line; `dash`: its CPU has
/// settled). Under the flood the dashboard is sent `?` once a second and the time until its help
/// shows is its key latency. With several servers (`IngestOptions.otherURLs`), the dashboard
/// watches them all, each with a publisher of its own flooding it at the rate.
public enum IngestLoad {
    /// How long a key probe waits for the screen to answer.
    static let keyTimeout: Duration = .seconds(2)
    /// The text only the dashboard's help shows.
    static let helpMarker = "any key closes"
    private static let tick: Duration = .milliseconds(10)
    /// `publish_topic` calls in flight at most: a server that falls behind slows the flood down.
    private static let publishesInFlight = 8

    /// Errors of the run that are not the server's.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func run(_ options: IngestOptions) async throws -> IngestResult {
        var publishers: [MushroomClient] = []
        do {
            for url in options.urls {
                publishers += try await LoadClients.connect(1, url: url, transport: options.transport, handler: ClosureHandler { $0.data })
            }
            var result = try await measure(options, publishers: publishers)
            result.servers = publishers.count
            for publisher in publishers { await publisher.close() }
            return result
        } catch {
            for publisher in publishers { await publisher.close() }
            throw error
        }
    }

    private static func measure(_ options: IngestOptions, publishers: [MushroomClient]) async throws -> IngestResult {
        for publisher in publishers { _ = try await publisher.request("subscribe", .string(IngestOptions.topic + ".publisher")) }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("mushroom-ingest-\(UUID().uuidString).ndjson").path
        let recording = output + ".recording"
        defer {
            try? FileManager.default.removeItem(atPath: output)
            try? FileManager.default.removeItem(atPath: recording)
        }
        let client = try startClient(options, output: output, recording: recording)
        do {
            for (index, publisher) in publishers.enumerated() {
                let probe = publishers.count > 1 ? "\(IngestOptions.probeTopic).\(index + 1)" : IngestOptions.probeTopic
                try await waitUntilConnected(client, options: options, publisher: publisher, probe: probe, output: output)
            }
            let result = try await flood(options, publishers: publishers, client: client, output: output)
            await stop(client, options: options)
            return result
        } catch {
            await stop(client, options: options)
            throw error
        }
    }

    private static func startClient(_ options: IngestOptions, output: String, recording: String) throws -> ClientProcess {
        let common = ["--transport", options.transport.rawValue] + (options.record ? ["--record", recording] : [])
        do {
            switch options.client {
            case .watch:
                return try ClientProcess([options.executable, "watch", options.url, "--json"] + common, output: .file(output))
            case .dash:
                return try ClientProcess(
                    [options.executable, "dash"] + options.urls + common, output: .terminal(rows: 40, columns: 120),
                    environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
            }
        } catch {
            throw Failure(description: error.description)
        }
    }

    /// Publishes a probe on topic `probe` every 100 ms until the client shows one (15 s at most).
    private static func waitUntilConnected(
        _ client: ClientProcess, options: IngestOptions, publisher: MushroomClient, probe: String, output: String
    ) async throws {
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline, !client.hasExited {
            do {
                _ = try await publisher.request("publish_topic", ["topic": .string(probe), "data": 0])
            } catch let error as RequestException {
                throw Failure(description: "the server answered publish_topic with an Error (\(error.data)); the ingest scenario needs a Swift `mushroom serve --demo`")
            }
            let shown = switch options.client {
            case .watch: await LineCounter(path: output).wait(atLeast: 1, timeout: .milliseconds(100))
            case .dash: await client.waitFor(probe, timeout: .milliseconds(100))
            }
            if shown { return }
        }
        throw Failure(description: "mushroom \(options.client.rawValue) showed no notification within 15 s of starting")
    }

    private static func flood(
        _ options: IngestOptions, publishers: [MushroomClient], client: ClientProcess, output: String
    ) async throws -> IngestResult {
        let repeats = options.rate / 100
        let counter = FloodCounter()
        let timeline = LoadTimeline()
        let lines = LineCounter(path: output)
        let linesBefore = options.client == .watch ? lines.count() : 0
        let cpuAtStart = Mutex<Double?>(nil)
        let keys = LatencyRecorder()
        let unanswered = Mutex(0)
        let publishing = publishers.map { publisher in { @Sendable () async -> Void in
            await withDiscardingTaskGroup { group in
                var next = ContinuousClock.now
                while !timeline.isDraining, publisher.engine.closedReason == nil {
                    while counter.counts.inFlight >= publishesInFlight * publishers.count {
                        try? await Task.sleep(for: .milliseconds(1))
                    }
                    let measured = timeline.isMeasuring
                    counter.start()
                    group.addTask {
                        do {
                            _ = try await publisher.request(
                                "publish_topic",
                                ["topic": .string(IngestOptions.topic), "data": IngestOptions.payload, "repeat": .integer(Int64(repeats))])
                            counter.add(repeats, measured: measured)
                        } catch {
                            counter.fail()
                        }
                    }
                    next += tick
                    try? await Task.sleep(until: next)
                }
            }
        } }
        let probing: @Sendable () async -> Void = {
            guard options.client == .dash else { return }
            while !timeline.isDraining {
                try? await Task.sleep(for: .seconds(1))
                guard timeline.isMeasuring else { continue }
                if let latency = await client.type("?", thenWaitFor: helpMarker, timeout: keyTimeout) {
                    keys.record(nanoseconds: UInt64((latency.timeInterval * 1e9).rounded()))
                } else {
                    unanswered.withLock { $0 += 1 }
                    // The help shows late, or never: the next probe begins once it did.
                    guard await client.waitFor(helpMarker, timeout: .seconds(10)) else { return }
                }
                client.type("?")
            }
        }
        let marking: @Sendable () async -> Void = {
            while !timeline.isMeasuring, !timeline.isDraining { try? await Task.sleep(for: .milliseconds(1)) }
            let seconds = try? client.cpuSeconds()
            cpuAtStart.withLock { $0 = seconds }
        }
        await timeline.drive(warmup: options.warmup, duration: options.duration, grace: .seconds(10), publishing + [probing, marking])
        let counts = counter.counts
        guard counts.failed == 0 else {
            throw Failure(description: "\(counts.failed) publish_topic calls failed during the flood")
        }
        guard let start = cpuAtStart.withLock({ $0 }) else {
            throw Failure(description: "cannot read the CPU time of mushroom \(options.client.rawValue) (/proc/\(client.processIdentifier)/stat)")
        }
        var lost: Int?
        switch options.client {
        case .watch:
            let expected = linesBefore + counts.all
            _ = await lines.wait(atLeast: expected, timeout: .seconds(30))
            lost = max(0, expected - lines.count())
        case .dash:
            await waitUntilIdle(client)
        }
        guard let end = try? client.cpuSeconds() else {
            throw Failure(description: "mushroom \(options.client.rawValue) ended during the run")
        }
        return IngestResult(
            client: options.client, recorded: options.record, notifications: counts.measured, measuredSeconds: timeline.measuredSeconds,
            cpuSeconds: end - start, lost: lost, keyLatency: options.client == .dash ? keys.summary : nil,
            keysUnanswered: unanswered.withLock { $0 })
    }

    /// Waits until the client's CPU over 250 ms stays under 5% of a core (30 s at most).
    private static func waitUntilIdle(_ client: ClientProcess) async {
        let deadline = ContinuousClock.now + .seconds(30)
        var previous = (try? client.cpuSeconds()) ?? 0
        while ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(250))
            guard let now = try? client.cpuSeconds() else { return }
            if now - previous < 0.0125 { return }
            previous = now
        }
    }

    private static func stop(_ client: ClientProcess, options: IngestOptions) async {
        switch options.client {
        case .watch: kill(client.processIdentifier, SIGTERM)
        case .dash: client.type("q")
        }
        await client.waitForExit(timeout: .seconds(5))
    }

}

/// Counts the lines a child writes to a file, reading only what was added since the last count.
private final class LineCounter: Sendable {
    private let path: String
    private let state = Mutex<(offset: UInt64, lines: Int)>((0, 0))

    init(path: String) {
        self.path = path
    }

    func count() -> Int {
        state.withLock { state in
            guard let file = FileHandle(forReadingAtPath: path) else { return state.lines }
            defer { try? file.close() }
            try? file.seek(toOffset: state.offset)
            while let chunk = try? file.read(upToCount: 1 << 20), !chunk.isEmpty {
                state.offset += UInt64(chunk.count)
                state.lines += chunk.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            }
            return state.lines
        }
    }

    /// Waits until the file holds `count` lines; false after `timeout`.
    func wait(atLeast count: Int, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while self.count() < count {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }
}

/// The notifications a flood published (in all, and in the measurement window), the calls in
/// flight and the calls that failed.
private final class FloodCounter: Sendable {
    struct Counts {
        var all = 0
        var measured = 0
        var inFlight = 0
        var failed = 0
    }

    private let state = Mutex(Counts())

    func start() {
        state.withLock { $0.inFlight += 1 }
    }

    func add(_ count: Int, measured: Bool) {
        state.withLock { counts in
            counts.inFlight -= 1
            counts.all += count
            if measured { counts.measured += count }
        }
    }

    func fail() {
        state.withLock { counts in
            counts.inFlight -= 1
            counts.failed += 1
        }
    }

    var counts: Counts { state.withLock { $0 } }
}
