import MushroomClient
import MushroomRPC

/// The `fanout` scenario: `connections` subscribers and one publisher connect; the publisher
/// calls `publish` with `{"method": "bench.fanout", "data": {"sent": NANOSECONDS}}`, keeping at
/// most `depth` publishes whose notifications have not all arrived. Throughput is notifications
/// delivered to the subscribers per second; latency runs from the send stamp to the delivery.
enum FanoutLoad {
    static func run(_ options: LoadOptions) async throws -> LoadResult {
        let gate = DeliveryGate()
        let timeline = LoadTimeline()
        let recorder = LatencyRecorder()
        let tally = LoadTally()
        let subscriber = FanoutSubscriber(gate: gate, timeline: timeline, recorder: recorder, tally: tally)
        var clients = try await LoadClients.connect(
            options.connections, url: options.url, transport: options.transport, trust: options.tlsTrust, handler: subscriber)
        let publisher: MushroomClient
        do {
            publisher = try await LoadClients.connect(
                1, url: options.url, transport: options.transport, trust: options.tlsTrust, handler: ClosureHandler { $0.data })[0]
        } catch {
            await LoadClients.close(clients)
            throw error
        }
        clients.append(publisher)
        let publishing: @Sendable () async -> Void = {
            await publish(publisher, options: options, timeline: timeline, gate: gate, tally: tally)
        }
        await timeline.drive(
            warmup: options.warmup, duration: options.duration, grace: options.drainTimeout, whenClosed: gate.open, [publishing])
        // Wait for the notifications still on their way, then count the missing ones as lost.
        let expected = tally.counts.answered * options.connections
        let deadline = ContinuousClock.now + options.settleTimeout
        while tally.counts.delivered < expected, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        tally.update { $0.lost = max(0, expected - $0.delivered) }
        await LoadClients.close(clients)
        return LoadResult(
            name: options.scenario.rawValue, noun: options.scenario.operationNoun,
            setup: "\(options.connections) subscriber \(options.connections == 1 ? "connection" : "connections") and 1 publisher, "
                + "\(options.depth) \(options.depth == 1 ? "publish" : "publishes") in flight, \(options.transport.rawValue) transport",
            counts: tally.counts, measuredSeconds: timeline.measuredSeconds, latency: recorder.summary, countsDeliveries: true)
    }

    /// Publishes until the timeline drains, each publish once fewer than `depth` are unsettled.
    private static func publish(
        _ publisher: MushroomClient, options: LoadOptions, timeline: LoadTimeline, gate: DeliveryGate, tally: LoadTally
    ) async {
        let connections = options.connections
        await withDiscardingTaskGroup { group in
            var published = 0
            while !timeline.isDraining, publisher.engine.closedReason == nil {
                if published >= options.depth {
                    await gate.wait(untilAtLeast: (published - options.depth + 1) * connections)
                    if timeline.isDraining { break }
                }
                published += 1
                tally.update { $0.sent += 1 }
                let data: JSONValue = [
                    "method": .string(LoadOptions.fanoutMethod),
                    "data": ["sent": .integer(Int64(LoadTimeline.now()))],
                ]
                group.addTask {
                    do {
                        _ = try await publisher.request("publish", data)
                        tally.update { $0.answered += 1 }
                    } catch {
                        // Its notifications will not come: settle them so the window moves on.
                        gate.add(connections)
                        tally.update { if error is RequestException { $0.refused += 1 } else { $0.failed += 1 } }
                    }
                }
            }
        }
    }
}
