import Foundation
import MushroomClient
import MushroomRPC
import MushroomTestSupport
import Testing

/// The client against the reference Python server, over both transports.
@Suite(.interop, .timeLimit(.minutes(3)))
struct InteropTests {
    /// Connects to a fresh peer over `transport` and runs `body`, closing both afterwards.
    static func withClient(
        _ transport: TransportKind, tickMilliseconds: Int = 0, handler: any RPCHandler = MethodNotFoundHandler(),
        _ body: (MushroomClient, ReferencePeer) async throws -> Void
    ) async throws {
        let peer = try await ReferencePeer.start(tickMilliseconds: tickMilliseconds)
        defer { peer.stop() }
        let client = try await MushroomClient.connect(url: peer.url, transports: [transport], handler: handler)
        #expect(client.transport == transport)
        do {
            try await body(client, peer)
        } catch {
            await client.close()
            throw error
        }
        await client.close()
    }

    @Test(arguments: TransportKind.allCases)
    func echoReturnsTheData(transport: TransportKind) async throws {
        try await Self.withClient(transport) { client, _ in
            let data: JSONValue = .object(["text": "héllo", "list": [1, 2.5, true, .null]])
            let answer = try await client.request("echo", data)
            #expect(answer == data)
        }
    }

    @Test(arguments: TransportKind.allCases)
    func addSumsNumbers(transport: TransportKind) async throws {
        try await Self.withClient(transport) { client, _ in
            let answer = try await client.request("add", [1, 2, 39])
            #expect(answer == 42)
        }
    }

    @Test(arguments: TransportKind.allCases)
    func unknownMethodAnswersWithTheLookedUpName(transport: TransportKind) async throws {
        try await Self.withClient(transport) { client, _ in
            await #expect(throws: RequestException("rpc_nope")) { try await client.request("nope") }
        }
    }

    @Test(arguments: TransportKind.allCases)
    func failAnswersWithTheReferencesEmptyString(transport: TransportKind) async throws {
        try await Self.withClient(transport) { client, _ in
            await #expect(throws: RequestException("")) { try await client.request("fail", "why") }
        }
    }

    @Test(arguments: TransportKind.allCases)
    func boomAnswersInternalServerError(transport: TransportKind) async throws {
        try await Self.withClient(transport) { client, _ in
            await #expect(throws: RequestException("Internal server error")) { try await client.request("boom") }
        }
    }

    @Test(arguments: TransportKind.allCases)
    func slowMethodTimesOutWithAShorterTimeout(transport: TransportKind) async throws {
        try await Self.withClient(transport) { client, _ in
            await #expect(throws: RequestTimeout(method: "slow", timeout: .milliseconds(300))) {
                try await client.request("slow", 3, timeout: .milliseconds(300))
            }
            let answer = try await client.request("echo", "still served")
            #expect(answer == "still served")
        }
    }

    @Test(arguments: TransportKind.allCases)
    func serverCallsTheClientBack(transport: TransportKind) async throws {
        let handler = ClosureHandler { call in
            guard call.method == "client.ping" else { throw MethodNotFound(call.method) }
            return .object(["pong": call.data])
        }
        try await Self.withClient(transport, handler: handler) { client, _ in
            let answer = try await client.request("ask_client", 7)
            #expect(answer == .object(["pong": 7]))
        }
    }

    @Test(arguments: TransportKind.allCases)
    func tickerNotificationsArriveInOrderWithGaplessIDs(transport: TransportKind) async throws {
        let recorder = NotificationRecorder()
        try await Self.withClient(transport, tickMilliseconds: 20, handler: recorder) { _, _ in
            let ticks = try await recorder.first(10)
            #expect(ticks.map(\.method) == Array(repeating: "ticker.tick", count: 10))
            let ids = ticks.map(\.id)
            #expect(ids == Array(ids[0]..<ids[0] + 10))
            let numbers = ticks.compactMap { $0.data.objectValue?["n"]?.integerValue }
            #expect(numbers.count == 10)
            #expect(numbers == Array(numbers[0]..<numbers[0] + 10))
        }
    }

    @Test(arguments: TransportKind.allCases)
    func publishNotifiesEverySession(transport: TransportKind) async throws {
        let recorder = NotificationRecorder()
        try await Self.withClient(transport, handler: recorder) { client, _ in
            let sessions = try await client.request("publish", .object(["method": "news.flash", "data": ["x": 1]]))
            #expect(sessions == 1)
            let received = try await recorder.first(1)
            #expect(received.first?.method == "news.flash")
            #expect(received.first?.data == .object(["x": 1]))
        }
    }

    @Test(arguments: TransportKind.allCases)
    func wrongTokenIsRejectedWith401(transport: TransportKind) async throws {
        let peer = try await ReferencePeer.start(tickMilliseconds: 0, token: "s3cret")
        defer { peer.stop() }
        await #expect(throws: BootstrapError.authenticationRejected(url: peer.url)) {
            _ = try await MushroomClient.connect(url: peer.url, transports: [transport], auth: ["token": "wrong"])
        }
        let client = try await MushroomClient.connect(url: peer.url, transports: [transport], auth: ["token": "s3cret"])
        let answer = try await client.request("add", [2, 2])
        #expect(answer == 4)
        await client.close()
    }

    @Test(arguments: TransportKind.allCases)
    func notificationToTheServerIsConfirmed(transport: TransportKind) async throws {
        try await Self.withClient(transport) { client, _ in
            let id = try client.notify("echo", "fire and forget")
            try await client.waitUntilDelivered(id)
            let answer = try await client.request("echo", "after")
            #expect(answer == "after")
        }
    }
}
