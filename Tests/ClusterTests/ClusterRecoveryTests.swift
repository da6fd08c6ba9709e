import AsyncHTTPClient
import Foundation
import Synchronization
import MushroomClient
import MushroomCluster
import MushroomRPC
import MushroomServer
import MushroomTestSupport
import NIOCore
import Testing

extension ClusterSuite {
    /// Positioned subscriptions: a new session receives what came after its position exactly
    /// once and in order, or is told plainly that it cannot.
    @Suite struct Recovery {
        /// A node keeping 3 publications, trimming after every append, with an operator's token.
        private static func shortMemory(_ configuration: inout MushroomServerConfiguration) {
            configuration.cluster = (configuration.cluster as? PostgresClusterLog).map {
                PostgresClusterLog(url: $0.url, node: "a", retention: .init(count: 3, trimInterval: .zero))
            }
            configuration.adminToken = "operator"
        }

        @Test func aSessionAskingFromAPositionGetsWhatCameAfterItWithPositions() async throws {
            try await withClusterDatabase { database in
                try await withClusterNodes(["a"], on: database) { nodes in
                    let epoch = try #require(try await database.query("SELECT epoch FROM mushroom_cluster_head").first)
                    let publisher = try await connectQuietly(to: nodes[0].url)
                    _ = try await publisher.request("publish_topic", ["topic": "news", "data": 1, "repeat": 1])
                    _ = try await publisher.request("publish_topic", ["topic": "other", "data": 2, "repeat": 1])
                    _ = try await publisher.request("publish", ["method": "everyone", "data": 3])
                    _ = try await publisher.request("publish_topic", ["topic": "news", "data": 4, "repeat": 1])
                    try await waitUntilStored(4, in: database)

                    let answer = try await Bootstrapper(url: nodes[0].url, timeout: .seconds(5))
                        .run(transports: [.poll], subscribe: (["news"], StreamPosition(epoch: epoch, offset: 1)))
                    #expect(answer.subscription == PositionedSubscriptionAnswer(
                        position: StreamPosition(epoch: epoch, offset: 4), recovered: true, reason: nil))
                    let body = try await poll(answer.session.url)
                    #expect(body == "[[1,0,\"everyone\",3,{\"epoch\":\"\(epoch)\",\"offset\":3}],[1,1,\"news\",4,{\"epoch\":\"\(epoch)\",\"offset\":4}]]",
                            "offset 2 is another topic; offset 1 it had")
                    await publisher.close()
                }
            }
        }

        @Test func beyondTheRetentionWindowTheSessionIsToldItWasNotRecovered() async throws {
            try await withClusterDatabase { database in
                try await withClusterNodes(["a"], on: database, configure: Self.shortMemory) { nodes in
                    let epoch = try #require(try await database.query("SELECT epoch FROM mushroom_cluster_head").first)
                    let publisher = try await connectQuietly(to: nodes[0].url)
                    for n in 1...6 { _ = try await publisher.request("publish_topic", ["topic": "news", "data": .integer(Int64(n)), "repeat": 1]) }
                    try await waitUntilStored(6, in: database)
                    try await waitUntilKept(3, in: database)
                    let bootstrapper = Bootstrapper(url: nodes[0].url, timeout: .seconds(5))

                    let old = try await bootstrapper.run(transports: [.poll], subscribe: (["news"], StreamPosition(epoch: epoch, offset: 1)))
                    #expect(old.subscription == PositionedSubscriptionAnswer(
                        position: StreamPosition(epoch: epoch, offset: 6), recovered: false,
                        reason: "the publications after offset 1 are no longer kept (the retention window has passed)"))

                    let gone = try await bootstrapper.run(transports: [.poll], subscribe: (["news"], StreamPosition(epoch: "gone", offset: 5)))
                    #expect(gone.subscription == PositionedSubscriptionAnswer(
                        position: StreamPosition(epoch: epoch, offset: 6), recovered: false,
                        reason: "epoch gone is gone: the cluster's log was created anew (epoch \(epoch))"))

                    _ = try await publisher.request("publish_topic", ["topic": "news", "data": 7, "repeat": 1])
                    #expect(try await poll(old.session.url) == "[[1,0,\"news\",7,{\"epoch\":\"\(epoch)\",\"offset\":7}]]",
                            "the stream goes on from where the node was")
                    await publisher.close()
                }
            }
        }

        @Test func aClientThatCannotRecoverSaysSo() async throws {
            try await withClusterDatabase { database in
                try await withClusterNodes(["a"], on: database, configure: Self.shortMemory) { nodes in
                    let proxy = try await TCPProxy.start(targetPort: try #require(URLComponents(string: nodes[0].url)?.port))
                    let refusing = try RefusingPort()
                    let recorder = StreamRecorder(method: "news")
                    let notRecovered = NotRecoveredLog()
                    let subscriber = try await connectQuietly(
                        to: "http://127.0.0.1:\(proxy.port)/", transport: .poll, handler: recorder, positionedTopics: ["news"],
                        onNotRecovered: { notRecovered.record($0, $1) })
                    let publisher = try await connectQuietly(to: nodes[0].url, auth: ["admin": "operator"])
                    _ = try await publisher.request("publish_topic", ["topic": "news", "data": 1, "repeat": 1])
                    #expect(await recorder.waitFor(1) == [1])
                    let lost = try #require(URL(string: subscriber.sessionURL)?.lastPathComponent)
                    // The subscriber's session ends while it cannot reach the node; meanwhile more
                    // is published than the node keeps.
                    proxy.retarget(port: refusing.port)
                    proxy.dropAllConnections()
                    #expect(try await publisher.request("mushroom.session.end", .string(lost)) == true)
                    for n in 2...8 { _ = try await publisher.request("publish_topic", ["topic": "news", "data": .integer(Int64(n)), "repeat": 1]) }
                    try await waitUntilStored(8, in: database)
                    try await waitUntilKept(3, in: database)
                    proxy.retarget(port: try #require(URLComponents(string: nodes[0].url)?.port))
                    let reported = await notRecovered.wait()
                    #expect(reported?.since.offset == 1)
                    #expect(reported?.reason == "the publications after offset 1 are no longer kept (the retention window has passed)")
                    _ = try await publisher.request("publish_topic", ["topic": "news", "data": 9, "repeat": 1])
                    #expect(await recorder.waitFor(2) == [1, 9], "the stream goes on after the gap it was told of")
                    await subscriber.close()
                    await publisher.close()
                    await proxy.stop()
                }
            }
        }

        /// Waits until the log holds a publication at `offset`.
        private func waitUntilStored(_ offset: Int, in database: ClusterDatabase) async throws {
            let deadline = ContinuousClock.now + .seconds(10)
            while ContinuousClock.now < deadline {
                if try await database.query("SELECT top::text FROM mushroom_cluster_head").first == "\(offset)" { return }
                try await Task.sleep(for: .milliseconds(20))
            }
            Issue.record("the log never reached offset \(offset)")
        }

        /// Waits until retention (which trims beside the appends) left `count` publications.
        private func waitUntilKept(_ count: Int, in database: ClusterDatabase) async throws {
            let deadline = ContinuousClock.now + .seconds(10)
            while ContinuousClock.now < deadline {
                if try await database.query("SELECT count(*)::text FROM mushroom_publications").first == "\(count)" { return }
                try await Task.sleep(for: .milliseconds(20))
            }
            Issue.record("retention never left \(count) publications")
        }

        /// One poll (a Heartbeat acknowledging nothing) of a long-poll session: its answer's
        /// notifications as wire text.
        private func poll(_ url: String) async throws -> String {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.body = .bytes(ByteBuffer(string: "[[0,null]]"))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
            let messages = try Message.decodeBatch(frame: Array(body.utf8)).compactMap { try? $0.get() }.filter { $0.code == .notification }
            return Message.encodeBatch(messages).withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
        }
    }
}

/// The recoveries a client reported it could not make.
private final class NotRecoveredLog: Sendable {
    private let reports = Mutex<[(since: StreamPosition, reason: String)]>([])

    func record(_ since: StreamPosition, _ reason: String) {
        reports.withLock { $0.append((since, reason)) }
    }

    func wait() async -> (since: StreamPosition, reason: String)? {
        for _ in 0..<500 {
            if let first = reports.withLock({ $0.first }) { return first }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }
}
