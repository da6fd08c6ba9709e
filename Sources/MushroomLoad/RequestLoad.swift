import MushroomClient
import MushroomRPC

/// The `echo` and `pipeline` scenarios: each connection keeps `depth` `echo` requests in flight
/// (one for `echo`), sending the next as soon as one is answered, until the measurement window
/// closes; then what is in flight is answered and counted in the totals. Requests unanswered
/// `drainTimeout` after the window are cancelled and count as failed.
enum RequestLoad {
    static func run(_ options: LoadOptions) async throws -> LoadResult {
        let clients = try await LoadClients.connect(
            options.connections, url: options.url, transport: options.transport, trust: options.tlsTrust, handler: ClosureHandler { $0.data })
        let timeline = LoadTimeline()
        let recorder = LatencyRecorder()
        let tally = LoadTally()
        let workers = clients.flatMap { client in
            Array(repeating: { @Sendable in await roundTrips(client, timeline: timeline, recorder: recorder, tally: tally) }, count: options.depth)
        }
        await timeline.drive(warmup: options.warmup, duration: options.duration, grace: options.drainTimeout, workers)
        await LoadClients.close(clients)
        let depth = options.depth == 1 ? "1 request" : "\(options.depth) requests"
        return LoadResult(
            name: options.scenario.rawValue, noun: options.scenario.operationNoun,
            setup: "\(options.connections) \(options.connections == 1 ? "connection" : "connections"), "
                + "\(depth) in flight per connection, \(options.transport.rawValue) transport",
            counts: tally.counts, measuredSeconds: timeline.measuredSeconds, latency: recorder.summary)
    }

    /// Sequential round trips on one client until the timeline drains.
    private static func roundTrips(_ client: MushroomClient, timeline: LoadTimeline, recorder: LatencyRecorder, tally: LoadTally) async {
        let payload = LoadOptions.echoPayload
        while !timeline.isDraining, client.engine.closedReason == nil {
            let started = LoadTimeline.now()
            tally.update { $0.sent += 1 }
            do {
                let answer = try await client.request("echo", payload)
                let latency = LoadTimeline.now() - started
                guard answer == payload else {
                    tally.update { $0.refused += 1 }
                    continue
                }
                let counted = timeline.isMeasuring
                if counted { recorder.record(nanoseconds: latency) }
                tally.update { counts in
                    counts.answered += 1
                    if counted { counts.measured += 1 }
                }
            } catch is RequestException {
                tally.update { $0.refused += 1 }
            } catch {
                tally.update { $0.failed += 1 }
            }
        }
    }
}
