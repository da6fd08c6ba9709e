import MushroomRecording
import MushroomRPC
import Testing

/// Every way a recording can be malformed ends the reading with one sentence naming the file and
/// the line, after every line before it was read.
@Suite struct RecordingReaderTests {
    static let header = #"{"mushroom_recording":1,"url":"http://h/","transport":"ws","started":100}"#
    static let tick = #"{"t":101,"dir":"in","msg":[1,0,"tick",null]}"#

    static let openingCases: [(text: String, reason: String)] = [
        ("", "line 1: the file is empty, not a mushroom recording."),
        (#"{"t":1}"# + "\n", #"line 1: not a mushroom recording (its first line has no "mushroom_recording")."#),
        (#"{"mushroom_recording":2}"# + "\n", "line 1: recording version 2 is not supported (this mushroom reads version 1)."),
        (#"{"mushroom_recording":1,"transport":"ws","started":1}"# + "\n", #"line 1: "url" must be a string."#),
        (#"{"mushroom_recording":1,"url":"u","transport":"ws","started":"now"}"# + "\n", #"line 1: "started" must be a number of UNIX seconds."#),
        ("[1,2]\n", #"line 1: not a mushroom recording (its first line has no "mushroom_recording")."#),
    ]

    @Test(arguments: openingCases)
    func aBadHeaderIsRefusedWhenOpened(text: String, reason: String) throws {
        let file = try TemporaryRecording(text)
        #expect(throws: RecordingReadError.self) { try RecordingReader(path: file.path) }
        do {
            _ = try RecordingReader(path: file.path)
        } catch {
            #expect(error.description == "\(file.path) \(reason)")
        }
    }

    @Test func aMissingFileIsOneSentence() {
        do {
            _ = try RecordingReader(path: "/nonexistent/recording.ndjson")
            Issue.record("opened a missing file")
        } catch {
            #expect(error.description == "Cannot read the recording /nonexistent/recording.ndjson: No such file or directory.")
        }
    }

    static let lineCases: [(line: String, reason: String)] = [
        ("", "an empty line"),
        (#"{"t":"#, "not JSON: unexpected end of input at character 6"),
        ("[1]", "expected a JSON object, found an array"),
        ("7", "expected a JSON object, found an integer"),
        (#"{"dir":"in","msg":[1,0,"m"]}"#, #""t" must be a number of UNIX seconds"#),
        (#"{"t":-1,"dir":"in","msg":[1,0,"m"]}"#, #""t" must be a number of UNIX seconds"#),
        (#"{"t":1}"#, #"the line has neither "dir" nor "event""#),
        (#"{"t":1,"dir":"sideways","msg":[1,0,"m"]}"#, #""dir" must be "in" or "out", not "sideways""#),
        (#"{"t":1,"dir":"in"}"#, #"the line has no "msg""#),
        (#"{"t":1,"dir":"in","msg":[9,0]}"#, #""msg" is not a message: unknown message code 9"#),
        (#"{"t":1,"dir":"in","msg":{"a":1}}"#, #""msg" is not a message: not a message: expected a JSON array, got an object"#),
        (#"{"t":1,"event":"exploded"}"#, #"unknown event "exploded""#),
        (#"{"t":1,"event":7}"#, #""event" must be a string"#),
        (#"{"t":1,"event":"disconnected"}"#, #"a disconnected event needs "reason" as a string"#),
        (#"{"t":1,"event":"connecting","url":"u","attempt":0}"#, #"a connecting event needs "attempt" as a whole number from 1"#),
        (#"{"t":1,"event":"reconnect_scheduled","attempt":1,"delay":-1}"#, #"a reconnect_scheduled event needs "delay" as seconds from 0"#),
        (#"{"t":1,"event":"not_recovered","reason":"r"}"#, #"a not_recovered event needs "since" as {"epoch":...,"offset":...}"#),
        (#"{"t":1,"event":"connected","transport":"ws","url":"u","session":5}"#, #"a connected event needs "session" as a string or null"#),
    ]

    @Test(arguments: lineCases)
    func aBadLineNamesItsNumberAfterTheLinesBeforeIt(line: String, reason: String) throws {
        let file = try TemporaryRecording([Self.header, Self.tick, Self.tick, line, Self.tick].joined(separator: "\n") + "\n")
        let reader = try RecordingReader(path: file.path)
        #expect(try reader.next() != nil)
        #expect(try reader.next() != nil)
        do {
            _ = try reader.next()
            Issue.record("read \(line)")
        } catch {
            #expect(error.description == "\(file.path) line 4: \(reason).")
        }
    }

    @Test func aTruncatedLastLineSaysSo() throws {
        let file = try TemporaryRecording([Self.header, Self.tick, #"{"t":102,"dir":"in","msg":[1,1,"ti"#].joined(separator: "\n"))
        let reader = try RecordingReader(path: file.path)
        #expect(try reader.next()?.time == 101)
        do {
            _ = try reader.next()
            Issue.record("read a truncated line")
        } catch {
            #expect(error.description == "\(file.path) line 3: truncated: the last line ends without a newline, in the middle of its JSON.")
        }
        #expect(RecordingReader.lineCount(path: file.path) == 3)
    }

    @Test func aCompleteLastLineWithoutANewlineIsRead() throws {
        let file = try TemporaryRecording([Self.header, Self.tick].joined(separator: "\n"))
        let reader = try RecordingReader(path: file.path)
        #expect(try reader.next()?.time == 101)
        #expect(try reader.next() == nil)
    }

    @Test func linesLongerThanAChunkAreRead() throws {
        let long = String(repeating: "x", count: 200_000)
        let line = #"{"t":101,"dir":"in","msg":[1,0,"tick",""# + long + #""]}"#
        let file = try TemporaryRecording([Self.header, line, line].joined(separator: "\n") + "\n")
        let reader = try RecordingReader(path: file.path)
        for _ in 0..<2 {
            guard case .message(.in, .notification(let notification)) = try reader.next()?.kind else {
                Issue.record("not a notification")
                return
            }
            #expect(notification.data == .string(long))
        }
        #expect(try reader.next() == nil)
        #expect(RecordingReader.lineCount(path: file.path) == 3)
    }
}
