import Dispatch
import Foundation
import MushroomClient
import MushroomRPC
import Synchronization

/// What `mushroom bench URL --scenario cluster` measures.
public struct ClusterLoadOptions: Sendable {
    /// The node publications are made on.
    public var publishURL: String
    /// The nodes the subscribers are spread over, round robin; the publishing node when empty
    /// (one node's figures, to set beside a cluster's).
    public var subscribeURLs: [String]
    public var subscribers: Int
    public var duration: Duration
    /// How long the latency phase publishes before it records.
    public var warmup: Duration = .seconds(1)
    /// The publications a second of the latency phase.
    public var latencyRate = 1_000
    /// The publications a recovering subscriber missed.
    public var missed = 10_000

    public init(publishURL: String, subscribeURLs: [String], subscribers: Int, duration: Duration) {
        self.publishURL = publishURL
        self.subscribeURLs = subscribeURLs
        self.subscribers = subscribers
        self.duration = duration
    }
}

/// A cluster's figures, in three phases against the demo's `publish_topic`, each subscriber on
/// a topic of its own (`bench.cluster.N`) so that every publication is delivered once: latency
/// from publishing to delivery at `latencyRate` a second, throughput (publications made as fast
/// as the publishing node takes them, timed until the last was delivered), and how long a
/// subscriber with positions takes to recover `missed` publications in a new session.
public enum ClusterLoad {
    static let topicPrefix = "bench.cluster."
    static let recoveryTopic = "bench.cluster.recovery"
    /// Publications a `publish_topic` call makes in the throughput phase, and calls in flight.
    static let repeats = 100
    static let callsInFlight = 4

    public static func run(_ options: ClusterLoadOptions) async throws -> (figures: [Figure], report: String) {
        let nodes = options.subscribeURLs.isEmpty ? [options.publishURL] : options.subscribeURLs
        let tally = ClusterTally()
        var subscribers: [MushroomClient] = []
        do {
            for index in 0..<options.subscribers {
                subscribers.append(try await connect(nodes[index % nodes.count], handler: ClusterSubscriber(tally: tally), topics: ["\(topicPrefix)\(index)"]))
            }
            let publisher = try await connect(options.publishURL, handler: MethodNotFoundHandler(), topics: nil)
            defer { Task { await publisher.close() } }
            let latency = try await measureLatency(publisher, tally: tally, options: options)
            let throughput = try await measureThroughput(publisher, tally: tally, options: options)
            let recovery = try await measureRecovery(publisher, node: nodes[nodes.count - 1], options: options)
            for subscriber in subscribers { await subscriber.close() }
            var figures = [
                Figure(name: "cluster.throughput", value: throughput.rate, unit: "publications/s"),
                Figure(name: "cluster.latency.p50", value: Double(latency.p50) / 1e6, unit: "ms"),
                Figure(name: "cluster.latency.p99", value: Double(latency.p99) / 1e6, unit: "ms"),
            ]
            if let recovery { figures.append(Figure(name: "cluster.recovery", value: recovery, unit: "s")) }
            let report = """
                ====== cluster ======
                  publishing at \(options.publishURL), \(options.subscribers) subscribers over \(nodes.count) node(s): \(nodes.joined(separator: " "))
                  throughput: \(throughput.delivered) publications delivered in \(String(format: "%.2f", throughput.seconds)) s: \(Int(throughput.rate)) publications/s\(throughput.refused > 0 ? " (\(throughput.refused) refused)" : "")
                  latency at \(options.latencyRate)/s, publish to delivery (ms): p50 \(milliseconds(latency.p50)), p90 \(milliseconds(latency.p90)), p99 \(milliseconds(latency.p99)), max \(milliseconds(latency.max)) over \(latency.count)
                  recovery of \(options.missed) missed publications: \(recovery.map { String(format: "%.3f s", $0) } ?? "not measured (the node keeps no positions: no cluster)")
                """
            return (figures, report)
        } catch {
            for subscriber in subscribers { await subscriber.close() }
            throw error
        }
    }

    private static func milliseconds(_ nanoseconds: UInt64) -> String { String(format: "%.2f", Double(nanoseconds) / 1e6) }

    private static func connect(_ url: String, handler: any RPCHandler, topics: [String]?, since: StreamPosition? = nil) async throws -> MushroomClient {
        var configuration = LoadClients.clientConfiguration()
        configuration.positionedTopics = topics
        configuration.positionedSince = since
        return try await MushroomClient.connect(url: url, transports: [.webSocket], handler: handler, configuration: configuration)
    }

    /// Publishes for `duration` as fast as the node answers, then waits for the last delivery.
    private static func measureThroughput(
        _ publisher: MushroomClient, tally: ClusterTally, options: ClusterLoadOptions
    ) async throws -> (delivered: Int, refused: Int, seconds: Double, rate: Double) {
        tally.reset()
        let started = ContinuousClock.now
        let ends = started + options.duration
        let counts = PublishCounts()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<callsInFlight {
                group.addTask {
                    var call = lane
                    while ContinuousClock.now < ends {
                        let topic = "\(topicPrefix)\(call % options.subscribers)"
                        call += callsInFlight
                        do {
                            _ = try await publisher.request("publish_topic", ["topic": .string(topic), "data": ["n": .integer(Int64(call))], "repeat": .integer(Int64(repeats))])
                            counts.made.add(repeats, ordering: .relaxed)
                        } catch is RequestException {
                            // Refused: the node holds as many as it keeps unstored. Let it store them.
                            counts.refused.add(repeats, ordering: .relaxed)
                            try await Task.sleep(for: .milliseconds(5))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let total = counts.made.load(ordering: .relaxed)
        let last = await tally.waitUntilDelivered(total, timeout: .seconds(60))
        let seconds = (last - started).timeInterval
        return (tally.delivered, counts.refused.load(ordering: .relaxed), seconds, Double(tally.delivered) / seconds)
    }

    /// Publishes `latencyRate` a second, ten every hundredth of the rate's second, each carrying
    /// its time; the subscribers record how late it arrives. `warmup` goes first, unrecorded.
    private static func measureLatency(_ publisher: MushroomClient, tally: ClusterTally, options: ClusterLoadOptions) async throws -> LatencySummary {
        let perTick = 10
        let interval = Duration.seconds(Double(perTick) / Double(options.latencyRate))
        for (phase, length) in [options.warmup, options.duration].enumerated() {
            tally.reset()
            let ticks = Int(length / interval)
            var next = ContinuousClock.now
            for tick in 0..<ticks {
                let topic = "\(topicPrefix)\(tick % options.subscribers)"
                let now = Int64(DispatchTime.now().uptimeNanoseconds)
                _ = try await publisher.request("publish_topic", ["topic": .string(topic), "data": ["t": .integer(now)], "repeat": .integer(Int64(perTick))])
                next += interval
                try await Task.sleep(until: next)
            }
            _ = await tally.waitUntilDelivered(ticks * perTick, timeout: .seconds(30))
            if phase == 1 { return tally.latency.summary }
        }
        return tally.latency.summary
    }

    /// A subscriber with positions leaves; `missed` publications follow; a new session from its
    /// position is timed until it has all of them. `nil` on a node that keeps no positions.
    private static func measureRecovery(_ publisher: MushroomClient, node: String, options: ClusterLoadOptions) async throws -> Double? {
        let probe = ClusterTally()
        let leaving = try await connect(node, handler: ClusterSubscriber(tally: ClusterTally()), topics: [recoveryTopic])
        let position = leaving.position
        await leaving.close()
        guard let position else { return nil }
        let witness = try await connect(node, handler: ClusterSubscriber(tally: probe), topics: [recoveryTopic])
        _ = try await publisher.request("publish_topic", ["topic": .string(recoveryTopic), "data": ["n": 1], "repeat": .integer(Int64(options.missed))])
        _ = await probe.waitUntilDelivered(options.missed, timeout: .seconds(60))
        await witness.close()
        let recovered = ClusterTally()
        let started = ContinuousClock.now
        let returning = try await connect(node, handler: ClusterSubscriber(tally: recovered), topics: [recoveryTopic], since: position)
        let last = await recovered.waitUntilDelivered(options.missed, timeout: .seconds(60))
        await returning.close()
        return recovered.delivered >= options.missed ? (last - started).timeInterval : nil
    }
}

/// The publications a throughput phase made, and those refused.
private final class PublishCounts: Sendable {
    let made = Atomic<Int>(0)
    let refused = Atomic<Int>(0)
}

/// What the subscribers of a cluster run received: a count, the time of the last delivery, and
/// the latency of publications that carry their time (`"t"`).
final class ClusterTally: Sendable {
    private struct State {
        var delivered = 0
        var last = ContinuousClock.now
    }

    private let state = Mutex(State())
    private let recorder = Mutex(LatencyRecorder())

    var delivered: Int { state.withLock { $0.delivered } }
    var latency: LatencyRecorder { recorder.withLock { $0 } }

    func reset() {
        state.withLock { $0 = State() }
        recorder.withLock { $0 = LatencyRecorder() }
    }

    func received(_ calls: [RPCCall]) {
        let now = DispatchTime.now().uptimeNanoseconds
        let latency = self.latency
        for call in calls {
            if case .integer(let sent)? = call.data["t"], sent > 0, now >= UInt64(sent) { latency.record(nanoseconds: now - UInt64(sent)) }
        }
        state.withLock { state in
            state.delivered += calls.count
            state.last = .now
        }
    }

    /// Waits until `count` were delivered (polling), at most `timeout`; returns the time of the last delivery.
    func waitUntilDelivered(_ count: Int, timeout: Duration) async -> ContinuousClock.Instant {
        let deadline = ContinuousClock.now + timeout
        while delivered < count, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(5)) }
        return state.withLock { $0.last }
    }
}

/// A subscriber's handler: counts every notification of its topic into the tally.
struct ClusterSubscriber: ImmediateNotificationHandler {
    let tally: ClusterTally

    func handle(_ call: RPCCall) async throws -> JSONValue { throw MethodNotFound(call.method) }

    func receiveNotifications(_ calls: [RPCCall]) {
        tally.received(calls.filter { $0.method.hasPrefix(ClusterLoad.topicPrefix) })
    }
}
