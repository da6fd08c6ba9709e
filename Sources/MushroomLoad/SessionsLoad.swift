import Foundation
import MushroomClient
import MushroomRPC

/// The `sessions` scenario: opens `connections` idle WebSocket sessions (`IdleSessions`) on the
/// server, reads the server's resident memory (`serverPID`) before and after, then broadcasts in
/// rounds: one publisher sends `depth` `publish` calls at once (the demo's method, which notifies
/// every session), and the round ends when every session received all of them; then the next
/// round starts, until the measurement window closes. Throughput is deliveries per second over
/// the measured rounds; latency is the time a session took to receive a whole round. The
/// server's and this process's CPU per delivery come from the same rounds.
enum SessionsLoad {
    /// How long a round may take before the notifications still missing count as lost.
    static let roundTimeout: Duration = .seconds(30)

    static func run(_ options: LoadOptions) async throws -> LoadResult {
        guard let pid = options.serverPID else { throw SessionsNeedServer() }
        let needed = options.connections + DescriptorLimit.reserve
        let purpose = "\(options.connections) sessions"
        try DescriptorLimit.raise(toAtLeast: needed, for: purpose)
        try DescriptorLimit.check(process: pid, allows: needed, for: purpose)
        let idleKiB = try ProcessMemory.residentKiB(of: pid)
        let sessions = try await IdleSessions.open(url: options.url, count: options.connections)
        let publisher: MushroomClient
        do {
            // Settled: the sockets' first reads and the server's bookkeeping are behind them.
            try await Task.sleep(for: .seconds(1))
            publisher = try await LoadClients.connect(1, url: options.url, transport: .webSocket, handler: ClosureHandler { $0.data })[0]
        } catch {
            await sessions.close()
            throw error
        }
        let openKiB = (try? ProcessMemory.residentKiB(of: pid)) ?? idleKiB
        let timeline = LoadTimeline()
        let tally = LoadTally()
        let cost = CostMeter(serverPID: pid)
        await timeline.drive(warmup: options.warmup, duration: options.duration, grace: roundTimeout, [{
            await broadcast(to: sessions, from: publisher, depth: options.depth, timeline: timeline, tally: tally, cost: cost)
        }])
        await LoadClients.close([publisher])
        await sessions.close()
        let counts = tally.counts
        let perSessionKiB = Double(openKiB - idleKiB) / Double(options.connections)
        return LoadResult(
            name: options.scenario.rawValue, noun: "deliveries",
            setup: "\(options.connections) idle WebSocket \(options.connections == 1 ? "session" : "sessions"), "
                + "broadcasts in rounds of \(options.depth), server process \(pid)",
            counts: counts, measuredSeconds: cost.seconds, latency: sessions.latency, countsDeliveries: true,
            costs: [
                Figure(name: "sessions.server.rss_per_session", value: perSessionKiB, unit: "KiB"),
                Figure(name: "sessions.server.rss", value: Double(openKiB) / 1024, unit: "MiB"),
                Figure(name: "sessions.server.cpu_per_delivery", value: cost.serverMicroseconds(per: counts.measured), unit: "µs"),
                Figure(name: "sessions.client.cpu_per_delivery", value: cost.clientMicroseconds(per: counts.measured), unit: "µs"),
            ])
    }

    /// Runs rounds until the timeline drains; a round that starts in the measurement window counts.
    private static func broadcast(
        to sessions: IdleSessions, from publisher: MushroomClient, depth: Int, timeline: LoadTimeline, tally: LoadTally,
        cost: CostMeter
    ) async {
        while !timeline.isDraining, publisher.engine.closedReason == nil {
            let measured = timeline.isMeasuring
            let deliveredBefore = sessions.delivered
            if measured { cost.start() }
            sessions.expect(perSession: depth, recording: measured)
            let answered = await publish(depth, from: publisher)
            let reached = await sessions.waitUntilEachReceived(timeout: roundTimeout)
            if measured { cost.stop(seconds: sessions.lastRoundSeconds) }
            let delivered = sessions.delivered - deliveredBefore
            tally.update { counts in
                counts.sent += depth
                counts.answered += answered
                counts.failed += depth - answered
                counts.delivered += delivered
                counts.lost += max(0, answered * sessions.count - delivered)
                if measured { counts.measured += delivered }
            }
            if reached < sessions.count { break }
        }
    }

    /// Sends `depth` publishes at once; returns how many were answered.
    private static func publish(_ depth: Int, from publisher: MushroomClient) async -> Int {
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<depth {
                group.addTask {
                    let data: JSONValue = ["method": .string(LoadOptions.fanoutMethod), "data": ["sent": .integer(Int64(LoadTimeline.now()))]]
                    return (try? await publisher.request("publish", data)) != nil
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
    }
}

/// `--scenario sessions` was asked for without the server's process id.
struct SessionsNeedServer: Error, CustomStringConvertible {
    var description: String { "the sessions scenario needs the server's process id (--server-pid)" }
}
