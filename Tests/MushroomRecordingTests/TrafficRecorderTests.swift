import Foundation
import Logging
import MushroomClient
import MushroomDemo
import MushroomRecording
import MushroomRPC
import MushroomServer
import MushroomTestSupport
import Synchronization
import Testing

/// A client recording a real session over loopback: the header, then every message in and out
/// and every connection change, in order, through a reconnection, into the same file.
@Suite(.timeLimit(.minutes(2)))
struct TrafficRecorderTests {
    @Test(arguments: TransportKind.allCases)
    func aSessionIsRecordedLineByLineThroughAReconnection(transport: TransportKind) async throws {
        var serverConfiguration = MushroomServerConfiguration()
        serverConfiguration.port = 0
        serverConfiguration.logger = Logger(label: "test.recording")
        serverConfiguration.logger.logLevel = .critical
        var demo = DemoServer.Options()
        demo.tickInterval = .milliseconds(20)
        demo.topicTraffic = false
        demo.pingInterval = .zero
        let server = try await DemoServer.makeServer(configuration: serverConfiguration, options: demo).start()
        let proxy = try await TCPProxy.start(targetPort: server.port)
        let file = try TemporaryRecording()
        let stops = Reasons()
        let recorder = TrafficRecorder(file: try RecordingFile(creating: file.path)) { reason in stops.add(reason) }
        let url = "http://127.0.0.1:\(proxy.port)/"
        var configuration = ClientConfiguration()
        configuration.backoff = ReconnectBackoff(initialDelay: .milliseconds(50), maximumDelay: .milliseconds(200))
        configuration.logger.logLevel = .critical
        configuration.engine.logger.logLevel = .critical
        let started = Date()
        configuration.onEngine = { engine, transport in
            recorder.record(engine, header: RecordingHeader(url: url, transport: transport.rawValue, started: started))
        }
        let client = try await MushroomClient.connect(url: url, transports: [transport], configuration: configuration)
        let events = client.events()
        #expect(try await client.request("echo", ["hello": "recording"]) == ["hello": "recording"])
        proxy.dropAllConnections()
        var connections = 0
        for await event in events {
            if case .transport(.connected) = event.kind { connections += 1 }
            if connections == 2 { break }
        }
        #expect(try await client.request("echo", 2) == 2)
        await client.close()
        await recorder.finished()
        await proxy.stop()
        await server.shutdown()
        #expect(stops.all == [])

        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == Substring(#"{"mushroom_recording":1,"url":"\#(url)","transport":"\#(transport.rawValue)","started":\#(started.timeIntervalSince1970)}"#))
        #expect(lines.last == "", "the file ends with a newline")
        let reader = try RecordingReader(path: file.path)
        var recorded: [RecordedTraffic] = []
        while let traffic = try reader.next() { recorded.append(traffic) }
        #expect(recorded.count == lines.count - 2)
        #expect(recorded.map(\.time) == recorded.map(\.time).sorted())
        // Connection events in their order: connecting, connected, then after the cut
        // disconnected, reconnect_scheduled and connected again, and closed at the end.
        let changes = recorded.compactMap { traffic -> String? in
            guard case .connection(let change) = traffic.kind else { return nil }
            return String(describing: change).prefix { $0 != "(" }.description
        }
        #expect(changes.first == "connecting")
        #expect(changes.dropFirst().first == "connected")
        #expect(changes.filter { $0 == "connected" }.count >= 2)
        #expect(changes.contains("disconnected"))
        #expect(changes.contains("reconnectScheduled"))
        #expect(changes.last == "closed")
        // Both requests out and both answers in, and the ticker's notifications in.
        let requests = recorded.compactMap { traffic -> JSONValue? in
            guard case .message(.out, .request(let request)) = traffic.kind, request.method == "echo" else { return nil }
            return request.data
        }
        #expect(requests == [["hello": "recording"], 2])
        let answers = recorded.compactMap { traffic -> JSONValue? in
            guard case .message(.in, .response(let response)) = traffic.kind else { return nil }
            return response.data
        }
        #expect(answers.contains(["hello": "recording"]) && answers.contains(2))
        #expect(recorded.contains { if case .message(.in, .notification) = $0.kind { true } else { false } })
        #expect(recorded.contains { if case .message(.out, .heartbeat) = $0.kind { true } else { false } })
    }

    @Test func aFailedWriteStopsTheRecordingAndSaysSoOnce() async throws {
        let stops = Reasons()
        let recorder = TrafficRecorder(file: try RecordingFile(creating: "/dev/full")) { reason in stops.add(reason) }
        let engine = Engine()
        recorder.record(engine, header: RecordingHeader(url: "http://h/", transport: "ws", started: Date()))
        engine.attach(writer: { _ in })
        try engine.notify("one")
        try engine.notify("two")
        engine.close(reason: "done")
        await recorder.finished()
        #expect(stops.all == ["The recording stopped: writing to /dev/full failed: No space left on device."])
    }

    @Test func anUnwritablePathIsOneSentence() {
        #expect(throws: RecordingFileError.self) { try RecordingFile(creating: "/nonexistent/dir/x.ndjson") }
        do {
            _ = try RecordingFile(creating: "/nonexistent/dir/x.ndjson")
        } catch {
            #expect(error.description == "Cannot record to /nonexistent/dir/x.ndjson: No such file or directory.")
        }
    }
}

/// The reasons a recorder gave for stopping.
final class Reasons: Sendable {
    private let reasons = Mutex<[String]>([])

    func add(_ reason: String) {
        reasons.withLock { $0.append(reason) }
    }

    var all: [String] { reasons.withLock { $0 } }
}
