import Foundation
import MushroomRecording
import MushroomRPC
import Synchronization
import Testing

/// What a recorder's tap on an engine writes, line for line: inbound messages as the bytes they
/// arrived in, one line each (a long-poll body's too), outbound ones once, duplicates not at all,
/// connection changes in their place among the messages.
@Suite(.timeLimit(.minutes(1)))
struct RecordingTapTests {
    static let time = Date(timeIntervalSince1970: 1_764_619_201.25)
    static let header = RecordingHeader(url: "http://h/", transport: "poll", started: Date(timeIntervalSince1970: 1_764_619_200))

    /// Records an engine on a fixed clock through `drive`, and returns the lines after the header.
    static func lines(_ drive: (Engine) throws -> Void) async throws -> [String] {
        let file = try TemporaryRecording()
        let recorder = TrafficRecorder(file: try RecordingFile(creating: file.path)) { reason in Issue.record("stopped: \(reason)") }
        var configuration = EngineConfiguration()
        configuration.now = { time }
        configuration.logger.logLevel = .critical
        let engine = Engine(configuration: configuration)
        recorder.record(engine, header: header)
        try drive(engine)
        engine.close(reason: "done")
        await recorder.finished()
        let lines = file.text.split(separator: "\n").map(String.init)
        #expect(lines.first == String(decoding: header.line.dropLast(), as: UTF8.self))
        #expect(lines.last == #"{"t":1764619201.250000,"event":"closed","reason":"done"}"#)
        return Array(lines.dropFirst().dropLast())
    }

    static func line(_ direction: String, _ message: String) -> String {
        #"{"t":1764619201.250000,"dir":"\#(direction)","msg":\#(message)}"#
    }

    @Test func eachMessageOfALongPollBodyIsALineOfTheBytesItArrivedIn() async throws {
        let body = Array(#"[[1,0,"order.placed", {"total" : 42.50, "product":"kit"}],  [1,1,"b",[1e2,"\u00e9"]] ,[0,null]]"#.utf8)
        let lines = try await Self.lines { engine in
            for element in try Message.decodeBatchElements(frame: body) {
                engine.receive(try element.message.get(), bytes: body[element.bytes], heldUntilEndOfRead: true)
            }
            engine.endOfRead()
        }
        #expect(lines == [
            Self.line("in", #"[1,0,"order.placed", {"total" : 42.50, "product":"kit"}]"#),
            Self.line("in", #"[1,1,"b",[1e2,"\u00e9"]]"#),
            Self.line("in", "[0,null]"),
        ])
    }

    @Test func aFrameIsItsOwnLineUnlessItBreaksLines() async throws {
        let lines = try await Self.lines { engine in
            try engine.receive(frame: Array(#"[1, 0, "a", {"n": 1}]"#.utf8))
            try engine.receive(frame: Array("[1,1,\"b\",\r\n {\"n\": 2}]".utf8))
        }
        #expect(lines == [Self.line("in", #"[1, 0, "a", {"n": 1}]"#), Self.line("in", #"[1,1,"b",{"n":2}]"#)])
    }

    @Test func aSentMessageIsRecordedOnceAndADuplicateNotAtAll() async throws {
        var frames: [[UInt8]] = []
        let lines = try await Self.lines { engine in
            let written = Written()
            engine.attach(writer: { written.add($0.frame) })
            try engine.notify("hello", ["to": "you"])
            try engine.receive(frame: Array("[1,0,\"a\"]".utf8))
            try engine.receive(frame: Array("[1,0,\"a\"]".utf8))
            frames = written.all
        }
        #expect(frames == [Array(#"[1,0,"hello",{"to":"you"}]"#.utf8)])
        #expect(lines == [Self.line("out", #"[1,0,"hello",{"to":"you"}]"#), Self.line("in", #"[1,0,"a"]"#)])
    }

    @Test func connectionChangesKeepTheirPlaceAmongTheMessages() async throws {
        let lines = try await Self.lines { engine in
            engine.report(.connected(transport: "poll", url: "http://h/s/1", sessionID: "1"))
            try engine.receive(frame: Array("[1,0,\"a\"]".utf8))
            engine.report(.disconnected(reason: "cut"))
            try engine.receive(frame: Array("[1,1,\"b\"]".utf8))
            engine.report(.sessionLost(reason: "gone"))
        }
        #expect(lines == [
            #"{"t":1764619201.250000,"event":"connected","transport":"poll","url":"http://h/s/1","session":"1"}"#,
            Self.line("in", #"[1,0,"a"]"#),
            #"{"t":1764619201.250000,"event":"disconnected","reason":"cut"}"#,
            Self.line("in", #"[1,1,"b"]"#),
            #"{"t":1764619201.250000,"event":"session_lost","reason":"gone"}"#,
        ])
    }

    @Test func aTapInstalledLateBeginsWithTheLatestChange() async throws {
        let file = try TemporaryRecording()
        let recorder = TrafficRecorder(file: try RecordingFile(creating: file.path)) { reason in Issue.record("stopped: \(reason)") }
        var configuration = EngineConfiguration()
        configuration.now = { Self.time }
        let engine = Engine(configuration: configuration)
        engine.report(.connecting(url: "http://h/", attempt: 1))
        engine.report(.connected(transport: "ws", url: "ws://h/s/2", sessionID: nil))
        recorder.record(engine, header: Self.header)
        engine.close(reason: "done")
        await recorder.finished()
        #expect(file.text.split(separator: "\n").dropFirst() == [
            #"{"t":1764619201.250000,"event":"connected","transport":"ws","url":"ws://h/s/2","session":null}"#,
            #"{"t":1764619201.250000,"event":"closed","reason":"done"}"#,
        ])
    }

    @Test func aRecorderOfAReleasedEngineFinishes() async throws {
        let file = try TemporaryRecording()
        let recorder = TrafficRecorder(file: try RecordingFile(creating: file.path)) { reason in Issue.record("stopped: \(reason)") }
        do {
            let engine = Engine()
            recorder.record(engine, header: Self.header)
            try engine.receive(frame: Array("[1,0,\"a\"]".utf8))
        }
        await recorder.finished()
        #expect(file.text.split(separator: "\n").count == 2)
    }
}

/// The frames a writer was handed.
private final class Written: Sendable {
    private let frames = Mutex<[[UInt8]]>([])

    func add(_ frame: [UInt8]) {
        frames.withLock { $0.append(frame) }
    }

    var all: [[UInt8]] { frames.withLock { $0 } }
}
