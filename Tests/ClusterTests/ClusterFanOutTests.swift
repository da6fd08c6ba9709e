import AsyncHTTPClient
import MushroomClient
import MushroomLoad
import NIOCore
import MushroomRPC
import MushroomServer
import MushroomTestSupport
import Testing

extension ClusterSuite {
    /// Broadcasts and topic publications made on any node reach the sessions of every node, over
    /// both transports, in one cluster-wide order.
    @Suite struct FanOut {
        @Test func everyNodeDeliversEveryPublicationInOneOrder() async throws {
            try await withClusterDatabase { database in
                try await withClusterNodes(["a", "b", "c"], on: database) { nodes in
                    var subscribers: [(StreamRecorder, MushroomClient)] = []
                    for node in nodes {
                        for transport in [TransportKind.webSocket, .poll] {
                            let recorder = StreamRecorder(method: "news")
                            let client = try await connectQuietly(to: node.url, transport: transport, handler: recorder)
                            subscribers.append((recorder, client))
                        }
                    }
                    let publishers = try await nodes.asyncMap { try await connectQuietly(to: $0.url) }
                    // Publications from the three nodes at once, broadcasts and topics interleaved.
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for (index, publisher) in publishers.enumerated() {
                            group.addTask {
                                for n in 0..<40 {
                                    let value = Int64(index * 1000 + n)
                                    if n.isMultiple(of: 2) {
                                        _ = try await publisher.request("publish", ["method": "news", "data": .integer(value)])
                                    } else {
                                        _ = try await publisher.request("publish_topic", ["topic": "news", "data": .integer(value), "repeat": 1])
                                    }
                                }
                            }
                        }
                        try await group.waitForAll()
                    }
                    let first = await subscribers[0].0.waitFor(120)
                    #expect(first.count == 120)
                    #expect(Set(first).count == 120, "no publication twice")
                    for (index, publisher) in [0, 1000, 2000].enumerated() {
                        let fromNode = first.filter { $0 >= Int64(publisher) && $0 < Int64(publisher + 1000) }
                        #expect(fromNode == (0..<40).map { Int64(publisher + $0) }, "node \(index)'s publications in the order made")
                    }
                    for (recorder, _) in subscribers.dropFirst() {
                        #expect(await recorder.waitFor(120) == first, "every session sees the one cluster order")
                    }
                    for (_, client) in subscribers { await client.close() }
                    for publisher in publishers { await publisher.close() }
                }
            }
        }

        @Test func aNodeThatStartsReadsFromTheTopNotTheHistory() async throws {
            try await withClusterDatabase { database in
                try await withClusterNodes(["a"], on: database) { nodes in
                    let publisher = try await connectQuietly(to: nodes[0].url)
                    let early = StreamRecorder(method: "news")
                    let earlyClient = try await connectQuietly(to: nodes[0].url, handler: early)
                    for n in 0..<6 { _ = try await publisher.request("publish", ["method": "news", "data": .integer(Int64(n))]) }
                    #expect(await early.waitFor(6) == [0, 1, 2, 3, 4, 5])
                    let late = try await ClusterNode.start("b", on: database)
                    let recorder = StreamRecorder(method: "news")
                    let client = try await connectQuietly(to: late.url, handler: recorder)
                    _ = try await publisher.request("publish", ["method": "news", "data": 6])
                    #expect(await recorder.waitFor(1) == [6])
                    try await Task.sleep(for: .milliseconds(300))
                    #expect(recorder.values == [6], "nothing of what was published before b started")
                    await client.close()
                    await earlyClient.close()
                    await publisher.close()
                    await late.stop()
                }
            }
        }

        @Test func aNodeReportsWhatItStoredAndHowFarBehindItReads() async throws {
            try await withClusterDatabase { database in
                try await withClusterNodes(["a"], on: database, configure: { $0.metricsPort = 0 }) { nodes in
                    let recorder = StreamRecorder(method: "news")
                    let subscriber = try await connectQuietly(to: nodes[0].url, handler: recorder)
                    let publisher = try await connectQuietly(to: nodes[0].url)
                    _ = try await publisher.request("publish_topic", ["topic": "news", "data": 1, "repeat": 3])
                    #expect(await recorder.waitFor(3) == [1, 1, 1])
                    let metricsURL = try #require(nodes[0].running.metricsURL)
                    let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: metricsURL), timeout: .seconds(10))
                    let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
                    let lines = text.split(separator: "\n")
                    #expect(lines.contains("mushroom_cluster_publications_total 3"), "\(text)")
                    let lag = try #require(lines.first { $0.hasPrefix("mushroom_cluster_lag_seconds ") })
                    let seconds = try #require(Double(lag.split(separator: " ")[1]))
                    #expect(seconds >= 0 && seconds < 5)
                    await subscriber.close()
                    await publisher.close()
                }
            }
        }

        @Test func aSessionOfAnotherNodeIsNotFoundThereAtOnce() async throws {
            try await withClusterDatabase { database in
                try await withClusterNodes(["a", "b"], on: database) { nodes in
                    let answer = try await Bootstrapper(url: nodes[0].url, timeout: .seconds(5)).run(transports: [.poll])
                    let elsewhere = nodes[1].url + (answer.session.lastPathComponent ?? "") + "/"
                    let started = ContinuousClock.now
                    var request = HTTPClientRequest(url: elsewhere)
                    request.method = .POST
                    request.body = .bytes(ByteBuffer(string: "[]"))
                    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
                    #expect(response.status == .notFound)
                    #expect(ContinuousClock.now - started < .seconds(5), "answered at once, not held like a poll")
                }
            }
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}

extension ClusterSuite {
    /// `mushroom bench --scenario cluster`, briefly, on two nodes: every figure is measured.
    @Suite struct Benchmark {
        @Test func theClusterScenarioMeasuresThroughputLatencyAndRecovery() async throws {
            try await withClusterDatabase { database in
                try await withClusterNodes(["a", "b"], on: database) { nodes in
                    var options = ClusterLoadOptions(
                        publishURL: nodes[0].url, subscribeURLs: [nodes[1].url], subscribers: 4, duration: .milliseconds(500))
                    options.warmup = .milliseconds(200)
                    options.missed = 500
                    let (figures, report) = try await ClusterLoad.run(options)
                    let names = figures.map(\.name)
                    #expect(names == ["cluster.throughput", "cluster.latency.p50", "cluster.latency.p99", "cluster.recovery"], "\(report)")
                    #expect(figures.allSatisfy { $0.value > 0 }, "\(report)")
                    #expect(report.contains("recovery of 500 missed publications: "))
                }
            }
        }
    }
}
