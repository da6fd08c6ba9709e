import Foundation
import Synchronization
import MushroomClient
import MushroomCluster
import MushroomRPC
import MushroomTestSupport
import Testing

extension ClusterSuite {
    /// `mushroom serve --cluster` as an operator runs it: refusals at start, the log while
    /// PostgreSQL is away, and a node killed and restarted under its subscribers.
    @Suite struct NodeProcess {
        @Test func aClusterThatCannotBeUsedIsOneSentenceAndExit1() async throws {
            let server = try ClusterURL(try PostgresGate.requireURL())
            let address = "127.0.0.1:\(server.port)"
            let refusing = try RefusingPort()
            let cases = [
                ("postgresql://postgres@127.0.0.1:\(refusing.port)/postgres",
                 "cannot reach PostgreSQL at 127.0.0.1:\(refusing.port): connection refused"),
                ("postgresql://postgres:wrong@127.0.0.1:\(server.port)/postgres",
                 "PostgreSQL at \(address) refused user 'postgres': password authentication failed for user \"postgres\""),
                ("postgresql://postgres:\(server.password ?? "")@127.0.0.1:\(server.port)/mushroom_absent",
                 "PostgreSQL at \(address) has no database 'mushroom_absent': database \"mushroom_absent\" does not exist"),
            ]
            for (url, reason) in cases {
                let result = try await runChildProcess(builtMushroomExecutable, arguments: ["serve", "--port", "0", "--cluster", url])
                #expect(result.status == 1, "\(url)")
                #expect(result.stdout == "", "nothing listened")
                #expect(result.stderr == "mushroom: could not join the cluster: \(reason).\n")
            }
        }

        @Test func aNodeServesItsSessionsWhilePostgreSQLIsAwayAndSaysSo() async throws {
            try await withClusterDatabase { database in
                let target = try ClusterURL(database.url)
                let proxy = try await TCPProxy.start(targetPort: target.port)
                let refusing = try RefusingPort()
                let url = "postgresql://\(target.user):\(target.password ?? "")@127.0.0.1:\(proxy.port)/\(target.database)"
                let node = try await ServeProcess.start(arguments: [
                    "--demo", "--no-traffic", "--tick-ms", "0", "--ping-ms", "0", "--cluster", url, "--node", "lonely", "--log-level", "info",
                ])
                let client = try await connectQuietly(to: node.url)
                proxy.retarget(port: refusing.port)
                proxy.dropAllConnections()
                _ = try await client.request("publish", ["method": "news", "data": 1])
                try await waitForLog(of: node, containing: "cluster: the log is unreachable")
                #expect(try await client.request("echo", "still here") == "still here")
                #expect(node.log.contains("serving this node's sessions, its publications wait to be stored (at most 10000)"))
                proxy.retarget(port: target.port)
                try await waitForLog(of: node, containing: "cluster: the log is reachable again after")
                await client.close()
                #expect(await node.stop() == 0)
                await proxy.stop()
            }
        }

        @Test func subscribersOfAKilledNodeRecoverEverythingOnItsRestartOnceAndInOrder() async throws {
            try await withClusterDatabase { database in
                let arguments = ["--demo", "--no-traffic", "--tick-ms", "0", "--ping-ms", "0", "--cluster", database.url, "--grace-seconds", "0"]
                let publisherNode = try await ServeProcess.start(arguments: arguments + ["--node", "a"])
                var node = try await ServeProcess.start(arguments: arguments + ["--node", "b"])
                // The load balancer in front of node b: it leads to the restarted node later.
                let balancer = try await TCPProxy.start(targetPort: try Self.port(of: node))
                let overWebSocket = StreamRecorder(method: "news")
                let overPoll = StreamRecorder(method: "news")
                let front = "http://127.0.0.1:\(balancer.port)/"
                let subscribers = [
                    try await connectQuietly(to: front, handler: overWebSocket, positionedTopics: ["news"]),
                    try await connectQuietly(to: front, transport: .poll, handler: overPoll, positionedTopics: ["news"]),
                ]
                let publisher = try await connectQuietly(to: publisherNode.url)
                let total = 300
                for n in 0..<total {
                    if n == 100 {
                        _ = await node.kill()
                    }
                    if n == 150 {
                        node = try await ServeProcess.start(arguments: arguments + ["--node", "b"])
                        balancer.retarget(port: try Self.port(of: node))
                    }
                    _ = try await publisher.request("publish_topic", ["topic": "news", "data": .integer(Int64(n)), "repeat": 1])
                }
                let expected = (0..<Int64(total)).map { $0 }
                #expect(await overWebSocket.waitFor(total, timeout: .seconds(30)) == expected)
                #expect(await overPoll.waitFor(total, timeout: .seconds(30)) == expected)
                try await Task.sleep(for: .milliseconds(300))
                #expect(overWebSocket.values.count == total && overPoll.values.count == total, "nothing twice")
                let offsets = overWebSocket.received.compactMap { $0.position?.offset }
                #expect(offsets == offsets.sorted() && Set(offsets).count == total, "positions rise, one a publication")
                for client in subscribers + [publisher] { await client.close() }
                _ = await node.stop()
                _ = await publisherNode.stop()
                await balancer.stop()
            }
        }

        @Test func watchSubscribePrintsEachNotificationWithItsPosition() async throws {
            try await withClusterDatabase { database in
                try await withClusterNodes(["a", "b"], on: database) { nodes in
                    let finished = Flag()
                    let watching = Task {
                        defer { finished.set() }
                        return try await runChildProcess(
                            builtMushroomExecutable, arguments: ["watch", nodes[1].url, "--json", "--subscribe", "news", "--count", "2"])
                    }
                    let publisher = try await connectQuietly(to: nodes[0].url)
                    let epoch = try #require(try await database.query("SELECT epoch FROM mushroom_cluster_head").first)
                    // Published until the watcher has its two (it may still be connecting at first), at most 20 s.
                    for n in 0..<400 where !finished.isSet {
                        _ = try await publisher.request("publish_topic", ["topic": "other", "data": .integer(Int64(n)), "repeat": 1])
                        _ = try await publisher.request("publish_topic", ["topic": "news", "data": .integer(Int64(n)), "repeat": 1])
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    let result = try await watching.value
                    #expect(result.status == 0, "\(result.stderr)")
                    let lines = result.stdout.split(separator: "\n").map(String.init)
                    #expect(lines.count == 2)
                    for line in lines {
                        let value = try JSONValue(parsing: line)
                        #expect(value["method"] == "news")
                        #expect(value["position"]?["epoch"] == .string(epoch))
                        #expect(line.hasPrefix(#"{"id":"#) && line.contains(#","position":{"epoch":""#), "\(line)")
                    }
                    await publisher.close()
                }
            }
        }

        private static func port(of node: ServeProcess) throws -> Int {
            try #require(URLComponents(string: node.url)?.port)
        }

        private func waitForLog(of node: ServeProcess, containing text: String) async throws {
            let deadline = ContinuousClock.now + .seconds(20)
            while !node.log.contains(text), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
            try #require(node.log.contains(text), "the node's log:\n\(node.log)")
        }
    }
}

/// Set once, read from any task.
private final class Flag: Sendable {
    private let state = Mutex(false)

    var isSet: Bool { state.withLock { $0 } }

    func set() {
        state.withLock { $0 = true }
    }
}
