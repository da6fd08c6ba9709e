import Logging
@testable import MushroomDemo
import MushroomRPC
import MushroomServer
import MushroomTestSupport
import Testing

/// Runs `body` against a demo server on port 0 with only the workloads `options` asks for.
private func withDemo(_ configure: (inout DemoServer.Options) -> Void = { _ in }, _ body: (RunningMushroomServer) async throws -> Void) async throws {
    var options = DemoServer.Options()
    options.tickInterval = .zero
    options.topicTraffic = false
    options.pingInterval = .zero
    configure(&options)
    try await withRunning(DemoServer.makeServer(configuration: testConfiguration, options: options), body)
}

@Suite(.timeLimit(.minutes(1)))
struct DemoTests {
    @Test func referenceMethodsGiveTheReferenceAnswers() async throws {
        try await withDemo { server in
            let (socket, _) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            let calls: [(String, JSONValue, Message)] = [
                ("echo", ["a": [1, 2]], .response(.init(id: 0, requestID: 0, data: ["a": [1, 2]]))),
                ("add", [1, 2, 3], .response(.init(id: 1, requestID: 1, data: 6))),
                ("add", [1, 2.5], .response(.init(id: 2, requestID: 2, data: 3.5))),
                ("slow", 0.01, .response(.init(id: 3, requestID: 3, data: "done"))),
                ("fail", ["why": "because"], .error(.init(id: 4, requestID: 4, data: ["why": "because"]))),
                ("boom", .null, .error(.init(id: 5, requestID: 5, data: "Internal server error"))),
                ("nope", .null, .error(.init(id: 6, requestID: 6, data: "rpc_nope"))),
                ("add", "12", .error(.init(id: 7, requestID: 7, data: "Internal server error"))),
                ("publish", ["method": "hello", "data": 1], .response(.init(id: 9, requestID: 8, data: 1))),
                ("add", [1e308, 1e308], .error(.init(id: 10, requestID: 9, data: "add: the sum is too large for a JSON number"))),
                ("slow", 1e20, .error(.init(id: 11, requestID: 10, data: "slow: 1e+20 is not a number of seconds from 0 to 3155760000 (100 years)"))),
                ("slow", 1e300, .error(.init(id: 12, requestID: 11, data: "slow: 1e+300 is not a number of seconds from 0 to 3155760000 (100 years)"))),
                ("slow", -1, .error(.init(id: 13, requestID: 12, data: "slow: -1.0 is not a number of seconds from 0 to 3155760000 (100 years)"))),
                ("echo", "still serving", .response(.init(id: 14, requestID: 13, data: "still serving"))),
            ]
            for (id, (method, data, expected)) in calls.enumerated() {
                socket.send(.request(.init(id: id, method: method, data: data)))
                #expect(await inbox.next() == .heartbeat(.init(lastMessageID: id)))
                if method == "publish" {
                    #expect(await inbox.next() == .notification(.init(id: 8, method: "hello", data: 1)))
                }
                #expect(await inbox.next() == expected, "\(method)")
            }
        }
    }

    @Test func publishTopicPublishesItsRepeatsToTheAcceptingSessions() async throws {
        try await withDemo { server in
            let (socket, _) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            socket.send(.request(.init(id: 0, method: "publish_topic", data: ["topic": "orders.created", "data": 5, "repeat": 3])))
            #expect(await inbox.next() == .heartbeat(.init(lastMessageID: 0)))
            for id in 0..<3 {
                #expect(await inbox.next() == .notification(.init(id: id, method: "orders.created", data: 5)))
            }
            #expect(await inbox.next() == .response(.init(id: 3, requestID: 0, data: 1)))
            let refused: [(JSONValue, String)] = [
                (["topic": "t", "repeat": 0], "publish_topic: repeat must be an integer from 1 to 10000, got 0"),
                (["topic": "t", "repeat": 10_001], "publish_topic: repeat must be an integer from 1 to 10000, got 10001"),
                (["topic": "t", "repeat": 2.5], "publish_topic: repeat must be an integer from 1 to 10000, got 2.5"),
                (["topic": "t", "repeat": "3"], #"publish_topic: repeat must be an integer from 1 to 10000, got "3""#),
                (["data": 1], #"publish_topic needs {"topic": NAME, "data": ..., "repeat": COUNT}, got {"data":1}"#),
                (["topic": ""], #"publish_topic needs {"topic": NAME, "data": ..., "repeat": COUNT}, got {"topic":""}"#),
            ]
            for (offset, (data, reason)) in refused.enumerated() {
                socket.send(.request(.init(id: offset + 1, method: "publish_topic", data: data)))
                #expect(await inbox.next() == .heartbeat(.init(lastMessageID: offset + 1)))
                #expect(await inbox.next() == .error(.init(id: offset + 4, requestID: offset + 1, data: .string(reason))))
            }
        }
    }

    @Test func askClientReturnsWhatTheClientAnswered() async throws {
        try await withDemo { server in
            let (socket, _) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            socket.send(.request(.init(id: 0, method: "ask_client", data: "hi")))
            #expect(await inbox.next() == .heartbeat(.init(lastMessageID: 0)))
            #expect(await inbox.next() == .request(.init(id: 0, method: "client.ping", data: "hi")))
            socket.send(.response(.init(id: 1, requestID: 0, data: "pong")))
            #expect(await inbox.next() == .heartbeat(.init(lastMessageID: 1)))
            #expect(await inbox.next() == .response(.init(id: 1, requestID: 0, data: "pong")))
        }
    }

    @Test func tickerCountsWithoutGaps() async throws {
        try await withDemo({ $0.tickInterval = .milliseconds(10) }) { server in
            let (socket, _) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            var previous: Int64?
            for _ in 0..<5 {
                guard case .notification(let tick)? = await inbox.next() else {
                    Issue.record("expected a ticker.tick notification")
                    return
                }
                #expect(tick.method == "ticker.tick")
                #expect(tick.data["ts"]?.doubleValue != nil)
                let n = try #require(tick.data["n"]?.integerValue)
                if let previous { #expect(n == previous + 1) }
                previous = n
            }
        }
    }

    @Test func serverPingsEveryClient() async throws {
        try await withDemo({ $0.pingInterval = .milliseconds(20) }) { server in
            let (socket, _) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            guard case .request(let ping)? = await inbox.next() else {
                Issue.record("expected a client.ping request")
                return
            }
            #expect(ping.method == "client.ping")
            #expect(ping.data["seq"]?.integerValue != nil)
        }
    }

    @Test func topicTrafficCoversEveryFamilyWithBursts() {
        var state = TrafficState()
        var generator = SplitMix64(seed: 42)
        var topics: [String: Int] = [:]
        var ordersAtBurst = 0
        for tick in 1...400 {
            let publications = state.publications(tick: tick, using: &generator)
            for (topic, _) in publications { topics[topic, default: 0] += 1 }
            if tick == 40 { ordersAtBurst = publications.filter { $0.0 == "orders.created" }.count }
        }
        #expect(ordersAtBurst >= 5)
        #expect(topics["metrics.cpu"] == 200)
        #expect(topics["metrics.memory"] == 100)
        for family in ["orders.created", "orders.shipped", "chat.message"] {
            #expect((topics[family] ?? 0) > 0, "\(family)")
        }
        #expect(topics.keys.contains { $0.hasPrefix("alerts.") })
        #expect(topics.keys.allSatisfy { topic in topic.split(separator: ".").count == 2 })
    }

    @Test(arguments: [
        (JSONValue.null, 1.0), (0, 1.0), ("0.5", 0.5), (2, 2.0), (0.25, 0.25),
    ])
    func slowReadsSecondsLikePython(data: JSONValue, seconds: Double) throws {
        #expect(try DemoMethods.seconds(data) == .nanoseconds(Int64(seconds * 1e9)))
    }
}
