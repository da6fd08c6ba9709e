import Foundation
import Testing

@testable import MushroomRPC

/// Two engines over an in-memory link: `client` calls, `server` answers through `handler`.
struct EnginePair {
    let client: Engine
    let server: Engine
    let link: InMemoryLink

    init(
        handler: any RPCHandler = EchoHandler(),
        clientConfiguration: EngineConfiguration = EngineConfiguration(),
        serverConfiguration: EngineConfiguration = EnginePair.immediateAcknowledgement
    ) {
        client = Engine(handler: MethodNotFoundHandler(), configuration: clientConfiguration)
        server = Engine(handler: handler, configuration: serverConfiguration)
        link = InMemoryLink(client, server)
        link.connect()
    }

    static var immediateAcknowledgement: EngineConfiguration {
        var configuration = EngineConfiguration()
        configuration.acknowledgement = .immediate
        return configuration
    }
}

/// Answers like the reference peer's methods.
struct EchoHandler: RPCHandler {
    struct Boom: Error {}

    func handle(_ call: RPCCall) async throws -> JSONValue {
        switch call.method {
        case "echo": return call.data
        case "add": return .integer(call.data.arrayValue?.compactMap(\.integerValue).reduce(0, +) ?? 0)
        case "fail": throw RequestException(call.data)
        case "message": throw RPCFailure("a message")
        case "boom": throw Boom()
        case "slow":
            try await Task.sleep(for: .seconds(call.data.doubleValue ?? 1))
            return "done"
        case "ask_client": return try await call.engine.request("client.ping", call.data, timeout: .seconds(30))
        default: throw MethodNotFound("rpc_" + call.method)
        }
    }
}

@Suite struct EngineRequestTests {
    @Test func responseDataIsReturned() async throws {
        let pair = EnginePair()
        #expect(try await pair.client.request("echo", ["a": 1]) == ["a": 1])
        #expect(try await pair.client.request("add", [1, 2, 3]) == 6)
    }

    @Test func methodNotFoundCarriesTheLookedUpName() async throws {
        let pair = EnginePair()
        let error = await #expect(throws: RequestException.self) { try await pair.client.request("nope") }
        #expect(error?.data == "rpc_nope")
    }

    @Test func requestExceptionKeepsItsData() async throws {
        let pair = EnginePair()
        let error = await #expect(throws: RequestException.self) { try await pair.client.request("fail", ["why": "x"]) }
        #expect(error?.data == ["why": "x"])
    }

    @Test func rpcFailureSendsItsMessage() async throws {
        let pair = EnginePair()
        let error = await #expect(throws: RequestException.self) { try await pair.client.request("message") }
        #expect(error?.data == "a message")
    }

    @Test func otherErrorsBecomeInternalServerError() async throws {
        let pair = EnginePair()
        let error = await #expect(throws: RequestException.self) { try await pair.client.request("boom") }
        #expect(error?.data == "Internal server error")
    }

    @Test func timeoutRemovesThePendingEntry() async throws {
        let pair = EnginePair()
        let error = await #expect(throws: RequestTimeout.self) {
            try await pair.client.request("slow", 5, timeout: .milliseconds(50))
        }
        #expect(error?.method == "slow")
        #expect(pair.client.pendingRequestCount == 0)
    }

    @Test func serverCallsTheClientBack() async throws {
        let client = Engine(handler: ClosureHandler { call in ["pong": call.data] })
        let server = Engine(handler: EchoHandler(), configuration: EnginePair.immediateAcknowledgement)
        let link = InMemoryLink(client, server)
        link.connect()
        #expect(try await client.request("ask_client", 7) == ["pong": 7])
    }

    @Test func tenThousandConcurrentRequestsAreAllMatched() async throws {
        let pair = EnginePair()
        try await withThrowingTaskGroup(of: (Int, JSONValue).self) { group in
            for index in 0..<10_000 {
                group.addTask { (index, try await pair.client.request("echo", .integer(Int64(index)))) }
            }
            var seen = 0
            for try await (index, answer) in group {
                #expect(answer == .integer(Int64(index)))
                seen += 1
            }
            #expect(seen == 10_000)
        }
        #expect(pair.client.pendingRequestCount == 0)
    }
}
