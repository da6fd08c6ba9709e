import Foundation
import MushroomRecording
import MushroomRPC
import Testing

/// A recording's lines, byte for byte: the header, a message in and out, each connection event,
/// and each read back as it was written.
@Suite struct RecordingFormatTests {
    static let started = Date(timeIntervalSince1970: 1_764_619_200.5)

    @Test func theHeaderIsTheDocumentedFirstLine() {
        let header = RecordingHeader(url: "http://127.0.0.1:9/", transport: "ws", started: Self.started)
        #expect(String(decoding: header.line, as: UTF8.self)
            == #"{"mushroom_recording":1,"url":"http://127.0.0.1:9/","transport":"ws","started":1764619200.5}"# + "\n")
    }

    static let lines: [(RecordedTraffic.Kind, String)] = [
        (.message(.in, .notification(.init(id: 5, method: "ticker.tick", data: ["n": 1]))), #""dir":"in","msg":[1,5,"ticker.tick",{"n":1}]"#),
        (.message(.out, .request(.init(id: 0, method: "echo", data: [1, "two"]))), #""dir":"out","msg":[2,0,"echo",[1,"two"]]"#),
        (.message(.in, .response(.init(id: 6, requestID: 0, data: [1, "two"]))), #""dir":"in","msg":[3,6,0,[1,"two"]]"#),
        (.message(.in, .error(.init(id: 7, requestID: 1, data: "nope"))), #""dir":"in","msg":[4,7,1,"nope"]"#),
        (.message(.out, .heartbeat(.init(lastMessageID: 7))), #""dir":"out","msg":[0,7]"#),
        (.message(.out, .disconnect), #""dir":"out","msg":[-1]"#),
        (.connection(.connecting(url: "http://h/", attempt: 2)), #""event":"connecting","url":"http://h/","attempt":2"#),
        (.connection(.connected(transport: "ws", url: "ws://h/s/abc", sessionID: "abc")),
         #""event":"connected","transport":"ws","url":"ws://h/s/abc","session":"abc""#),
        (.connection(.connected(transport: "poll", url: "http://h/s/abc", sessionID: nil)),
         #""event":"connected","transport":"poll","url":"http://h/s/abc","session":null"#),
        (.connection(.disconnected(reason: "the server closed the connection")), #""event":"disconnected","reason":"the server closed the connection""#),
        (.connection(.reconnectScheduled(attempt: 3, delay: .milliseconds(250))), #""event":"reconnect_scheduled","attempt":3,"delay":0.25"#),
        (.connection(.sessionLost(reason: "gone")), #""event":"session_lost","reason":"gone""#),
        (.connection(.notRecovered(since: StreamPosition(epoch: "e1", offset: 9), reason: "trimmed")),
         #""event":"not_recovered","since":{"epoch":"e1","offset":9},"reason":"trimmed""#),
        (.connection(.closed(reason: "closed by the client")), #""event":"closed","reason":"closed by the client""#),
    ]

    @Test(arguments: lines.indices)
    func eachLineIsWrittenAsDocumentedAndReadBack(index: Int) throws {
        let (kind, fields) = Self.lines[index]
        let traffic = RecordedTraffic(time: 1_764_619_201.25, kind: kind)
        var bytes: [UInt8] = []
        traffic.appendLine(to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"t":1764619201.250000,"# + fields + "}\n")

        let file = try TemporaryRecording(RecordingHeader(url: "http://h/", transport: "ws", started: Self.started).line + bytes)
        let reader = try RecordingReader(path: file.path)
        #expect(reader.header == RecordingHeader(url: "http://h/", transport: "ws", started: Self.started))
        #expect(try reader.next() == traffic)
        #expect(try reader.next() == nil)
        #expect(reader.lineNumber == 2)
    }

}

/// A recording file of its own in the temporary directory, removed when released.
final class TemporaryRecording {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("mushroom-recording-\(UUID().uuidString).ndjson").path

    init(_ bytes: [UInt8] = []) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    convenience init(_ text: String) throws {
        try self.init(Array(text.utf8))
    }

    var text: String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A line's time has six decimals, whatever the Double.
@Suite struct RecordedTimeTests {
    @Test(arguments: [(0.0, "0.000000"), (1.5, "1.500000"), (1_796_159_032.7366195, "1796159032.736620"), (1e-7, "0.000000"), (12.000001, "12.000001")])
    func timesHaveSixDecimals(seconds: Double, text: String) {
        var bytes: [UInt8] = []
        RecordedTraffic(time: seconds, kind: .message(.out, .disconnect)).appendLine(to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"t":\#(text),"dir":"out","msg":[-1]}"# + "\n")
    }
}
