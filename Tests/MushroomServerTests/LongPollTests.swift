import MushroomRPC
import MushroomServer
import Testing

@Suite(.timeLimit(.minutes(1)))
struct LongPollTests {
    @Test func postsWithoutHeartbeatAnswerNullAndPollsCarryRepliesAndHeartbeat() async throws {
        try await withServer { server in
            let url = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
            let delivery = try await TestHTTP.post(url, #"[[1, 0, "echo", true], [2, 1, "echo", "hi"]]"#)
            #expect(delivery.status == 200)
            #expect(delivery.body == "null")
            #expect(delivery.headers["Access-Control-Allow-Origin"] == ["*"])
            let poll = try await TestHTTP.post(url, "[[0, null]]")
            #expect(poll.body == #"[[3,0,1,"hi"],[0,1]]"#)
            // Acknowledging releases the buffer.
            let next = try await TestHTTP.post(url, #"[[0, 0], [2, 2, "echo", 5]]"#)
            #expect(next.messages == [.response(.init(id: 1, requestID: 2, data: 5)), .heartbeat(.init(lastMessageID: 2))])
        }
    }

    @Test func heldPollIsAnsweredWhenANotificationIsPublished() async throws {
        try await withServer { server in
            let url = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
            async let answer = TestHTTP.post(url, "[[0, null]]")
            let session = try #require(server.sessions.all.first)
            #expect(await eventually { session.engine.isAttached })
            try server.sessions.notify("news", ["n": 1])
            // Nothing was received with an id, so no heartbeat follows.
            #expect(try await answer.body == #"[[1,0,"news",{"n":1}]]"#)
        }
    }

    @Test func emptyPollIsAnsweredAtThePollTimeout() async throws {
        try await withServer({ $0.pollTimeout = .milliseconds(50) }) { server in
            let url = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
            #expect(try await TestHTTP.post(url, "[[0, null]]").body == "[]")
        }
    }

    @Test func aNewPollAnswersTheHeldOne() async throws {
        try await withServer { server in
            let url = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
            async let first = TestHTTP.post(url, "[[0, null]]")
            let session = try #require(server.sessions.all.first)
            #expect(await eventually { session.engine.isAttached })
            async let second = TestHTTP.post(url, "[[0, null]]")
            #expect(try await first.body == "[]")
            try server.sessions.notify("news", 2)
            #expect(try await second.body == #"[[1,0,"news",2]]"#)
        }
    }

    @Test func idlePollSessionsExpire() async throws {
        try await withServer({
            $0.pollSessionMaximumAge = .milliseconds(50)
            $0.pollCleanupInterval = .milliseconds(20)
        }) { server in
            let url = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
            #expect(await eventually { server.sessions.count == 0 })
            #expect(try await TestHTTP.post(url, "[[0, null]]").status == 404)
        }
    }

    @Test func clientDisconnectEndsThePollSession() async throws {
        try await withServer { server in
            let url = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
            #expect(try await TestHTTP.post(url, "[[-1]]").body == "null")
            #expect(server.sessions.count == 0)
            #expect(try await TestHTTP.post(url, "[]").status == 404)
        }
    }

    @Test func malformedBodyIs400AndMalformedMessagesAreSkipped() async throws {
        try await withServer { server in
            let url = try await TestHTTP.bootstrap(server.url, transports: ["poll"])
            let notArray = try await TestHTTP.post(url, #"{"x": 1}"#)
            #expect(notArray.status == 400)
            #expect(notArray.body == "poll body refused: not a message: expected a JSON array, got an object; it must be a JSON array of messages\n")
            let mixed = try await TestHTTP.post(url, #"[[7], "junk", [2, 0, "echo", "kept"]]"#)
            #expect(mixed.body == "null")
            #expect(try await TestHTTP.post(url, "[[0, null]]").body == #"[[3,0,0,"kept"],[0,0]]"#)
        }
    }
}
