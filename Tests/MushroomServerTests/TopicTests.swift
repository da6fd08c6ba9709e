import MushroomRPC
import MushroomServer
import Testing

struct TopicPatternTests {
    @Test(arguments: [
        ("orders.created", "orders.created", true),
        ("orders.created", "orders.shipped", false),
        ("orders.*", "orders.created", true),
        ("orders.*", "orders.eu.created", false),
        ("orders.*", "orders", false),
        ("*.cpu", "metrics.cpu", true),
        ("alerts.#", "alerts", true),
        ("alerts.#", "alerts.disk.full", true),
        ("alerts.**", "alerts.disk", true),
        ("alerts.#", "alertsx.disk", false),
        ("#", "anything.at.all", true),
    ])
    func matching(pattern: String, topic: String, matches: Bool) throws {
        #expect(try TopicPattern(pattern).matches(topic) == matches)
    }

    @Test(arguments: [
        ("orders..created", "invalid topic pattern 'orders..created': segments between dots may not be empty"),
        ("", "invalid topic pattern '': segments between dots may not be empty"),
        ("#.orders", "invalid topic pattern '#.orders': '#' may only be the last segment"),
    ])
    func invalidPatterns(pattern: String, message: String) {
        #expect(throws: TopicPattern.InvalidPattern.self) { try TopicPattern(pattern) }
        do {
            _ = try TopicPattern(pattern)
        } catch {
            #expect(error.description == message)
        }
    }
}

@Suite(.timeLimit(.minutes(1)))
struct TopicTests {
    @Test func subscribedSessionsGetMatchingTopicsAndOthersGetEverything() async throws {
        try await withServer { server in
            let (subscriber, _) = try await openWebSocket(server)
            let (everything, _) = try await openWebSocket(server)
            var subscriberInbox = Inbox(subscriber)
            var everythingInbox = Inbox(everything)
            #expect(await answer(.init(id: 0, method: "subscribe", data: ["orders.*", "alerts.#"]), on: subscriber, &subscriberInbox)
                == .response(.init(id: 0, requestID: 0, data: ["orders.*", "alerts.#"])))

            #expect(try server.sessions.publish("metrics.cpu", 1) == 1)
            #expect(try server.sessions.publish("orders.created", 2) == 2)
            #expect(try server.sessions.publish("alerts.disk.full", 3) == 2)
            #expect(await subscriberInbox.next() == .notification(.init(id: 1, method: "orders.created", data: 2)))
            #expect(await subscriberInbox.next() == .notification(.init(id: 2, method: "alerts.disk.full", data: 3)))
            #expect(await everythingInbox.next()?.method == "metrics.cpu")
            #expect(await everythingInbox.next()?.method == "orders.created")
            #expect(await everythingInbox.next()?.method == "alerts.disk.full")

            #expect(await answer(.init(id: 1, method: "unsubscribe", data: "orders.*"), on: subscriber, &subscriberInbox)
                == .response(.init(id: 3, requestID: 1, data: ["alerts.#"])))
            #expect(try server.sessions.publish("orders.created", 4) == 1)
            // A plain notify still reaches every session, subscribed or not.
            #expect(try server.sessions.notify("ticker.tick", 5) == 2)
            #expect(await subscriberInbox.next() == .notification(.init(id: 4, method: "ticker.tick", data: 5)))
        }
    }

    @Test func anEndedSessionIsPublishedToNoMoreAndUnsubscribingEverythingReceivesNothing() async throws {
        try await withServer { server in
            // One session holding two patterns that match the same topics, which then leaves.
            let (leaving, _) = try await openWebSocket(server)
            var leavingInbox = Inbox(leaving)
            #expect(await answer(.init(id: 0, method: "subscribe", data: ["orders.#", "orders.created"]), on: leaving, &leavingInbox)
                == .response(.init(id: 0, requestID: 0, data: ["orders.#", "orders.created"])))
            // One that unsubscribes its only pattern.
            let (emptied, _) = try await openWebSocket(server)
            var emptiedInbox = Inbox(emptied)
            #expect(await answer(.init(id: 0, method: "subscribe", data: "orders.*"), on: emptied, &emptiedInbox)
                == .response(.init(id: 0, requestID: 0, data: ["orders.*"])))
            #expect(try server.sessions.publish("orders.created", 1) == 2)

            #expect(await emptiedInbox.next() == .notification(.init(id: 1, method: "orders.created", data: 1)))
            #expect(await answer(.init(id: 1, method: "unsubscribe", data: ["orders.*"]), on: emptied, &emptiedInbox)
                == .response(.init(id: 2, requestID: 1, data: [])))
            #expect(try server.sessions.publish("orders.created", 2) == 1)

            leaving.send(.disconnect)
            #expect(await eventually { server.sessions.count == 1 })
            #expect(try server.sessions.publish("orders.created", 3) == 0)
            #expect(try server.sessions.publish("metrics.cpu", 4) == 0)
            #expect(try server.sessions.notify("ticker.tick", 5) == 1)
        }
    }

    @Test func invalidSubscriptionsAreAnsweredWithAnErrorAndChangeNothing() async throws {
        try await withServer { server in
            let (socket, _) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            socket.send(.request(.init(id: 0, method: "subscribe", data: ["ok.*", "bad..pattern"])))
            #expect(await inbox.next() == .heartbeat(.init(lastMessageID: 0)))
            #expect(await inbox.next() == .error(.init(id: 0, requestID: 0, data: "invalid topic pattern 'bad..pattern': segments between dots may not be empty")))
            socket.send(.request(.init(id: 1, method: "subscribe", data: 42)))
            #expect(await inbox.next() == .heartbeat(.init(lastMessageID: 1)))
            #expect(await inbox.next() == .error(.init(id: 1, requestID: 1, data: "subscribe takes a topic pattern or a list of them, got an integer")))
            #expect(server.sessions.all.first?.subscriptions.current == nil)
        }
    }

    @Test func subscriptionsPastTheLimitAreRefusedAndChangeNothing() async throws {
        try await withServer({ $0.maximumSubscriptions = 3 }) { server in
            let (socket, _) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            socket.send(.request(.init(id: 0, method: "subscribe", data: ["a", "b"])))
            #expect(await inbox.next() == .heartbeat(.init(lastMessageID: 0)))
            #expect(await inbox.next() == .response(.init(id: 0, requestID: 0, data: ["a", "b"])))
            socket.send(.request(.init(id: 1, method: "subscribe", data: ["b", "c", "d"])))
            #expect(await inbox.next() == .heartbeat(.init(lastMessageID: 1)))
            #expect(await inbox.next() == .error(.init(
                id: 1, requestID: 1, data: "subscribing would hold 4 topic patterns; a session holds at most 3")))
            #expect(server.sessions.all.first?.subscriptions.current?.map(\.description) == ["a", "b"])
        }
    }

    @Test func eightyThousandPatternsAreRefusedQuicklyAndOthersStillBootstrap() async throws {
        try await withServer { server in
            let (socket, _) = try await openWebSocket(server)
            var inbox = Inbox(socket)
            let patterns = JSONValue.array((0..<80_000).map { .string("t\($0)") })
            socket.send(.request(.init(id: 0, method: "subscribe", data: patterns)))
            #expect(await inbox.next() == .heartbeat(.init(lastMessageID: 0)))
            #expect(await inbox.next() == .error(.init(
                id: 0, requestID: 0, data: "subscribing would hold 80000 topic patterns; a session holds at most 1000")))
            #expect(try await TestHTTP.bootstrap(server.url, transports: ["poll"]).hasPrefix("http://"))
        }
    }

    @Test func patternLongerThanTheLimitIsInvalid() {
        let long = String(repeating: "a", count: TopicPattern.maximumLength + 1)
        #expect(throws: TopicPattern.InvalidPattern.self) { try TopicPattern(long) }
        #expect((try? TopicPattern(long)) == nil)
        do {
            _ = try TopicPattern(long)
        } catch {
            #expect(error.description == "invalid topic pattern '\(String(long.prefix(40)))...': a pattern is at most 256 bytes long")
        }
        #expect((try? TopicPattern(String(repeating: "a", count: TopicPattern.maximumLength))) != nil)
    }
}

/// Sends `request` on `socket` and returns what follows the Heartbeat acknowledging it: the answer.
private func answer(_ request: Message.Request, on socket: TestWebSocket, _ inbox: inout Inbox) async -> Message? {
    socket.send(.request(request))
    #expect(await inbox.next() == .heartbeat(.init(lastMessageID: request.id)))
    return await inbox.next()
}
