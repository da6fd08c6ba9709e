import Foundation
import MushroomClient
import MushroomRPC
import MushroomTestSupport
import Testing

/// The `mushroom call`, `notify` and `watch` contracts, run as subprocesses against the reference server.
@Suite(.interop, .timeLimit(.minutes(3)))
struct CommandLineTests {
    static func mushroom(_ arguments: String...) async throws -> ChildProcessOutcome {
        try await runChildProcess(builtMushroomExecutable, arguments: arguments)
    }

    @Test(arguments: ["ws", "poll"])
    func callPrintsCompactJSONAndExits0(transport: String) async throws {
        let peer = try await ReferencePeer.start(tickMilliseconds: 0)
        defer { peer.stop() }
        let result = try await Self.mushroom("call", peer.url, "echo", #"{ "a" : [1, 2.5, "x"] }"#, "--transport", transport)
        #expect(result.status == 0)
        #expect(result.stdout == #"{"a":[1,2.5,"x"]}"# + "\n")
        #expect(result.stderr == "")
    }

    @Test func errorReplyPrintsItsDataOnStderrAndExits2() async throws {
        let peer = try await ReferencePeer.start(tickMilliseconds: 0)
        defer { peer.stop() }
        let result = try await Self.mushroom("call", peer.url, "nope")
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "\"rpc_nope\"\n")
    }

    @Test func timeoutExits3() async throws {
        let peer = try await ReferencePeer.start(tickMilliseconds: 0)
        defer { peer.stop() }
        let result = try await Self.mushroom("call", peer.url, "slow", "5", "--timeout", "0.3", "--transport", "poll")
        #expect(result.status == 3)
        #expect(result.stderr == "mushroom: request 'slow' timed out after 300 ms.\n")
    }

    @Test func badJSONArgumentExits1NamingThePosition() async throws {
        let result = try await Self.mushroom("call", "http://127.0.0.1:9/", "echo", #"{"a": }"#)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("mushroom: The JSON argument is not valid JSON: "))
        #expect(result.stderr.hasSuffix(" at character 7.\n"))
    }

    @Test func refusedConnectionExits1WithOneSentence() async throws {
        let refusing = try RefusingPort()
        let port = refusing.port
        let result = try await Self.mushroom("call", "http://127.0.0.1:\(port)/", "echo")
        #expect(result.status == 1)
        #expect(result.stderr == "mushroom: Connection refused by 127.0.0.1:\(port); is the server running?\n")
        withExtendedLifetime(refusing) {}
    }

    @Test func rejectedAuthExits1() async throws {
        let peer = try await ReferencePeer.start(tickMilliseconds: 0, token: "t")
        defer { peer.stop() }
        let result = try await Self.mushroom("call", peer.url, "echo", "--auth", #"{"token": "wrong"}"#)
        #expect(result.status == 1)
        #expect(result.stderr == "mushroom: The server at \(peer.url) rejected the credentials (401 Unauthorized).\n")
        let accepted = try await Self.mushroom("call", peer.url, "echo", "1", "--auth", #"{"token": "t"}"#)
        #expect(accepted.stdout == "1\n")
    }

    @Test func serverRequestsAreAnsweredClientPingEchoes() async throws {
        let peer = try await ReferencePeer.start(tickMilliseconds: 0)
        defer { peer.stop() }
        let result = try await Self.mushroom("call", peer.url, "ask_client", #"{"k":[true]}"#)
        #expect(result.status == 0)
        #expect(result.stdout == #"{"k":[true]}"# + "\n")
    }

    @Test(arguments: ["ws", "poll"])
    func notifyIsDeliveredBeforeExit0(transport: String) async throws {
        let peer = try await ReferencePeer.start(tickMilliseconds: 0)
        defer { peer.stop() }
        let recorder = NotificationRecorder()
        let watcher = try await MushroomClient.connect(url: peer.url, handler: recorder)
        let result = try await Self.mushroom("notify", peer.url, "publish", #"{"method": "cli.said", "data": "hi"}"#, "--transport", transport)
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == "")
        let heard = try await recorder.first(1)
        #expect(heard.map(\.method) == ["cli.said"])
        #expect(heard.map(\.data) == ["hi"])
        await watcher.close()
    }

    @Test func watchJSONPrintsExactlyCountLines() async throws {
        let peer = try await ReferencePeer.start(tickMilliseconds: 30)
        defer { peer.stop() }
        let result = try await Self.mushroom("watch", peer.url, "--json", "--count", "3")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4)
        #expect(lines.last == "")
        let pattern = #/\{"id":(\d+),"method":"ticker\.tick","data":\{"n":\d+,"ts":[0-9.e+]+\}\}/#
        let ids = lines.dropLast().compactMap { try? pattern.wholeMatch(in: String($0))?.output.1 }.compactMap { Int($0) }
        #expect(ids.count == 3, "unexpected lines: \(lines)")
        #expect(ids == ids.sorted() && Set(ids).count == 3)
    }

    @Test func unknownTransportIsAUsageError() async throws {
        let result = try await Self.mushroom("watch", "http://127.0.0.1:9/", "--transport", "carrier-pigeon")
        #expect(result.status == 1)
        #expect(result.stderr == "mushroom: --transport must be ws or poll, not 'carrier-pigeon'.\n")
    }
}
