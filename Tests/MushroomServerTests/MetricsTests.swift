import MushroomRPC
import MushroomServer
import Testing

/// `GET /metrics` on the metrics port, parsed after a known workload over a real socket.
@Suite(.timeLimit(.minutes(2)))
struct MetricsTests {
    @Test func theCountersAddUpAfterAKnownWorkload() async throws {
        try await withServer({ $0.metricsPort = 0 }) { server in
            _ = try? await TestHTTP.post(server.url, "nonsense")
            _ = try? await TestHTTP.post(server.url, #"{"transports": ["carrier-pigeon"]}"#)
            let (socket, session) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            for id in 0..<3 { socket.send(.request(.init(id: id, method: "echo", data: .integer(Int64(id))))) }
            socket.send(.notification(.init(id: 3, method: "note", data: "a")))
            socket.send(.notification(.init(id: 4, method: "note", data: "b")))
            socket.send(.request(.init(id: 5, method: "nope", data: .null)))
            var answers = 0
            while answers < 4, let message = await inbox.next() {
                if case .response = message { answers += 1 }
                if case .error = message { answers += 1 }
            }
            try #require(await eventually { session.engine.traffic.received.total >= 6 })

            var metrics = try await Self.scrape(server)
            #expect(metrics["mushroom_sessions{transport=\"ws\"}"] == 1)
            #expect(metrics["mushroom_sessions{transport=\"poll\"}"] == 0)
            #expect(metrics["mushroom_bootstraps_total{status=\"created\"}"] == 1)
            #expect(metrics["mushroom_bootstraps_total{status=\"invalid\"}"] == 1)
            #expect(metrics["mushroom_bootstraps_total{status=\"unsupported_transport\"}"] == 1)
            #expect(metrics["mushroom_bootstraps_total{status=\"unauthorized\"}"] == 0)
            #expect(metrics["mushroom_messages_received_total{type=\"request\"}"] == 4)
            #expect(metrics["mushroom_messages_received_total{type=\"notification\"}"] == 2)
            #expect(metrics["mushroom_messages_sent_total{type=\"response\"}"] == 3)
            #expect(metrics["mushroom_messages_sent_total{type=\"error\"}"] == 1)
            #expect(metrics["mushroom_messages_sent_total{type=\"notification\"}"] == 0)
            #expect((metrics["mushroom_messages_sent_total{type=\"heartbeat\"}"] ?? 0) >= 1)
            #expect(metrics["mushroom_unacknowledged_messages"] == 4)
            #expect(metrics["mushroom_request_duration_seconds_count{method=\"echo\"}"] == 3)
            #expect(metrics["mushroom_request_duration_seconds_count{method=\"unknown\"}"] == 1)
            #expect(metrics["mushroom_slow_consumer_disconnects_total"] == 0)

            socket.send(.heartbeat(.init(lastMessageID: 3)))
            try #require(await eventually { session.engine.unacknowledgedCount == 0 })
            socket.send(.disconnect)
            try #require(await eventually { server.sessions.count == 0 })
            metrics = try await Self.scrape(server)
            #expect(metrics["mushroom_unacknowledged_messages"] == 0)
            #expect(metrics["mushroom_sessions{transport=\"ws\"}"] == 0)
            // The totals keep what the ended session sent and received.
            #expect(metrics["mushroom_messages_received_total{type=\"request\"}"] == 4)
            #expect(metrics["mushroom_messages_received_total{type=\"heartbeat\"}"] == 1)
            #expect(metrics["mushroom_messages_received_total{type=\"disconnect\"}"] == 1)
            #expect(metrics["mushroom_messages_sent_total{type=\"response\"}"] == 3)
        }
    }

    @Test func aSlowConsumerIsCounted() async throws {
        try await withServer({
            $0.metricsPort = 0
            $0.maximumUnacknowledged = 2
        }) { server in
            let (socket, _) = try await openWebSocket(server)
            for n in 0..<3 { try server.sessions.notify("news", .integer(Int64(n))) }
            _ = try await socket.closeFrame()
            let metrics = try await Self.scrape(server)
            #expect(metrics["mushroom_slow_consumer_disconnects_total"] == 1)
            #expect(metrics["mushroom_messages_sent_total{type=\"notification\"}"] == 2)
            #expect(metrics["mushroom_sessions{transport=\"ws\"}"] == 0)
        }
    }

    @Test func aClientCallingThousandsOfMethodNamesAddsABoundedNumberOfSeries() async throws {
        let handler = ClosureHandler { call in
            guard call.method.hasPrefix("known.") else { throw MethodNotFound(call.method) }
            return .null
        }
        try await withServer(handler: handler, {
            $0.metricsPort = 0
            $0.maximumConcurrentHandlers = nil
        }) { server in
            let (socket, _) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            let calls = 3000
            for id in 0..<calls {
                let method = id.isMultiple(of: 2) ? "known.\(id)" : "made.up.\(id)"
                socket.send(.request(.init(id: id, method: method, data: .null)))
            }
            var answers = 0
            while answers < calls, let message = await inbox.next() {
                switch message {
                case .response, .error: answers += 1
                default: continue
                }
                // Acknowledged now and then, so that the replies stay within the outbound bound.
                if answers.isMultiple(of: 500) { socket.send(.heartbeat(.init(lastMessageID: answers - 1))) }
            }
            try #require(answers == calls)
            let metrics = try await Self.scrape(server)
            let series = metrics.filter { $0.key.hasPrefix("mushroom_request_duration_seconds_count{") }
            #expect(series.count == 102)  // 100 known methods by name, "other" and "unknown"
            #expect(series.values.reduce(0, +) == Double(calls))
            #expect(series["mushroom_request_duration_seconds_count{method=\"unknown\"}"] == Double(calls / 2))
            #expect(series["mushroom_request_duration_seconds_count{method=\"other\"}"] == Double(calls / 2 - 100))
        }
    }

    @Test func theEndpointServesOnlyMetrics() async throws {
        try await withServer({ $0.metricsPort = 0 }) { server in
            let metricsURL = try #require(server.metricsURL)
            let reply = try await TestHTTP.request(.GET, metricsURL)
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"] == ["text/plain; version=0.0.4; charset=utf-8"])
            #expect(reply.body.contains("# TYPE mushroom_bootstraps_total counter\n"))
            let elsewhere = try await TestHTTP.request(.GET, metricsURL.replacingOccurrences(of: "/metrics", with: "/"))
            #expect(elsewhere.status == 404)
        }
    }

    @Test func withoutAMetricsPortNothingListens() async throws {
        try await withServer { server in
            #expect(server.metricsPort == nil)
            #expect(server.metricsURL == nil)
        }
    }

    @Test func theMetricsPortInUseIsOneSentence() async throws {
        try await withServer({ $0.metricsPort = 0 }) { first in
            let taken = try #require(first.metricsPort)
            var configuration = testConfiguration
            configuration.metricsPort = taken
            await #expect(throws: MetricsPortUnavailable.self) { _ = try await MushroomServer(configuration: configuration).start() }
            do {
                _ = try await MushroomServer(configuration: configuration).start()
            } catch {
                #expect("\(error)" == "could not serve metrics on 127.0.0.1:\(taken): the port is already in use")
            }
        }
    }

    /// The samples of `GET /metrics`, by name and labels as written (`name{label="value"}`).
    static func scrape(_ server: RunningMushroomServer) async throws -> [String: Double] {
        let reply = try await TestHTTP.request(.GET, try #require(server.metricsURL))
        try #require(reply.status == 200)
        var samples: [String: Double] = [:]
        for line in reply.body.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                Issue.record("not a sample: \(line)")
                continue
            }
            samples[String(line[..<space])] = value
        }
        return samples
    }
}
