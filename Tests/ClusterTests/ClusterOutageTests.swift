import Foundation
import MushroomClient
import MushroomCluster
import MushroomRPC
import MushroomServer
import MushroomTestSupport
import Testing

extension ClusterSuite {
    /// Broker trouble costs latency, never a publication: nodes catch up from their cursor, and
    /// what cannot wait is refused with an Error reply.
    @Suite struct Outage {
        @Test func aRestartOfPostgreSQLMidStreamLosesAndRepeatsNothing() async throws {
            let restart = try #require(PostgresGate.restartCommand, "MUSHROOM_TEST_POSTGRES_RESTART is not set")
            try await withClusterDatabase { database in
                try await withClusterNodes(["a", "b"], on: database) { nodes in
                    let overWebSocket = StreamRecorder(method: "news")
                    let overPoll = StreamRecorder(method: "news")
                    let subscribers = [
                        try await connectQuietly(to: nodes[1].url, handler: overWebSocket),
                        try await connectQuietly(to: nodes[0].url, transport: .poll, handler: overPoll),
                    ]
                    let publisher = try await connectQuietly(to: nodes[0].url)
                    let total = 300
                    for n in 0..<total {
                        if n == 100 {
                            try #require(await runDaemonStarter(["/bin/sh", "-c", restart]) == 0, "pg_ctl restart failed")
                        }
                        _ = try await publisher.request("publish_topic", ["topic": "news", "data": .integer(Int64(n)), "repeat": 1])
                    }
                    let expected = (0..<Int64(total)).map { $0 }
                    #expect(await overWebSocket.waitFor(total, timeout: .seconds(30)) == expected)
                    #expect(await overPoll.waitFor(total, timeout: .seconds(30)) == expected)
                    try await Task.sleep(for: .milliseconds(300))
                    #expect(overWebSocket.values.count == total && overPoll.values.count == total, "no publication twice")
                    for client in subscribers + [publisher] { await client.close() }
                }
            }
        }

        @Test func publicationsWaitWhileTheLogIsUnreachableAndBeyondTheBoundAreRefused() async throws {
            try await withClusterDatabase { database in
                let target = try ClusterURL(database.url)
                let proxy = try await TCPProxy.start(targetPort: target.port)
                let throughProxy = try ClusterURL("postgresql://\(target.user):\(target.password ?? "")@127.0.0.1:\(proxy.port)/\(target.database)")
                let refusing = try RefusingPort()
                try await withClusterNodes(["a"], on: database, configure: { configuration in
                    configuration.cluster = PostgresClusterLog(url: throughProxy, node: "a")
                    configuration.maximumUnstoredPublications = 3
                }) { nodes in
                    let recorder = StreamRecorder(method: "news")
                    let subscriber = try await connectQuietly(to: nodes[0].url, handler: recorder)
                    let publisher = try await connectQuietly(to: nodes[0].url)
                    _ = try await publisher.request("publish", ["method": "news", "data": 0])
                    #expect(await recorder.waitFor(1) == [0])

                    proxy.retarget(port: refusing.port)
                    proxy.dropAllConnections()
                    for n in 1...3 { _ = try await publisher.request("publish", ["method": "news", "data": .integer(Int64(n))]) }
                    let refusal = await #expect(throws: RequestException.self) {
                        try await publisher.request("publish", ["method": "news", "data": 4])
                    }
                    #expect(refusal?.data == .string(
                        "publication refused: 3 publications made on this node are waiting to be stored in the cluster's log, "
                            + "the most it keeps (the log is unreachable or too slow)"))
                    #expect(try await publisher.request("echo", "still serving") == "still serving")

                    proxy.retarget(port: target.port)
                    #expect(await recorder.waitFor(4, timeout: .seconds(20)) == [0, 1, 2, 3])
                    try await Task.sleep(for: .milliseconds(300))
                    #expect(recorder.values == [0, 1, 2, 3], "the refused publication was not stored")
                    await subscriber.close()
                    await publisher.close()
                }
                await proxy.stop()
            }
        }
    }
}
