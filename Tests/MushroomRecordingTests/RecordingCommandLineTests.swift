import Foundation
import MushroomTestSupport
import Testing

/// `--record`, `--replay` and `--speed` through the built `mushroom`: what it prints, and one
/// sentence with exit status 1 for every mistake.
@Suite(.timeLimit(.minutes(2)))
struct RecordingCommandLineTests {
    static let header = #"{"mushroom_recording":1,"url":"http://h/","transport":"ws","started":100}"#
    static let recording = [
        header,
        #"{"t":100,"event":"connecting","url":"http://h/","attempt":1}"#,
        #"{"t":100.1,"event":"connected","transport":"ws","url":"ws://h/s/a","session":"a"}"#,
        #"{"t":100.2,"dir":"in","msg":[1,0,"ticker.tick",{"n":1}]}"#,
        #"{"t":100.3,"dir":"out","msg":[2,0,"echo","hi"]}"#,
        #"{"t":100.4,"dir":"in","msg":[3,1,0,"hi"]}"#,
        #"{"t":100.5,"dir":"in","msg":[1,2,"ticker.tick",{"n":2}]}"#,
        #"{"t":100.6,"event":"not_recovered","since":{"epoch":"e","offset":4},"reason":"trimmed"}"#,
        #"{"t":100.7,"dir":"in","msg":[1,3,"other",null,{"epoch":"e","offset":9}]}"#,
    ].joined(separator: "\n") + "\n"

    @Test func watchReplaysAsItPrintsLive() async throws {
        let file = try TemporaryRecording(Self.recording)
        let json = try await runChildProcess(builtMushroomExecutable, arguments: ["watch", "--replay", file.path, "--json"])
        #expect(json.stderr == "")
        #expect(json.status == 0)
        #expect(json.stdout == """
            {"id":0,"method":"ticker.tick","data":{"n":1}}
            {"id":2,"method":"ticker.tick","data":{"n":2}}
            {"event":"not_recovered","reason":"trimmed","since":{"epoch":"e","offset":4}}
            {"id":3,"method":"other","data":null,"position":{"epoch":"e","offset":9}}

            """)
        let human = try await runChildProcess(builtMushroomExecutable, arguments: ["watch", "--replay", file.path, "--count", "2", "--speed", "100"])
        #expect(human.status == 0)
        #expect(human.stdout == "#0 ticker.tick {\"n\":1}\n#2 ticker.tick {\"n\":2}\n")
    }

    @Test func aMalformedLineIsNamedAfterEverythingBeforeItPlayed() async throws {
        let file = try TemporaryRecording(Self.recording + #"{"t":101,"dir":"in","msg":[7]}"# + "\n" + #"{"t":102,"dir":"in","msg":[1,4,"late",null]}"# + "\n")
        let result = try await runChildProcess(builtMushroomExecutable, arguments: ["watch", "--replay", file.path, "--json"])
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").count == 4)
        #expect(result.stderr == "mushroom: \(file.path) line 10: \"msg\" is not a message: unknown message code 7.\n")
    }

    static func refusal(_ value: String, _ reason: String) -> String {
        "mushroom: The value '\(value)' is invalid for '--speed <speed>': \(reason)\nRun 'mushroom help' for usage.\n"
    }

    static let speedCases: [(value: String, message: String)] = [
        ("0", refusal("0", "0.0 is not a speed above 0 and at most 1000, or max")),
        ("-2", refusal("-2", "-2.0 is not a speed above 0 and at most 1000, or max")),
        ("nan", refusal("nan", "nan is not a speed above 0 and at most 1000, or max")),
        ("inf", refusal("inf", "inf is not a speed above 0 and at most 1000, or max")),
        ("1e300", refusal("1e300", "1e+300 is not a speed above 0 and at most 1000, or max")),
        ("fast", refusal("fast", "fast is not a number or max")),
    ]

    @Test(arguments: speedCases)
    func aBadSpeedIsOneSentence(value: String, message: String) async throws {
        for command in ["watch", "dash"] {
            let result = try await runChildProcess(builtMushroomExecutable, arguments: [command, "--replay", "x.ndjson", "--speed=\(value)"])
            #expect(result.status == 1)
            #expect(result.stdout == "")
            #expect(result.stderr == message)
        }
    }

    static let usageCases: [(arguments: [String], message: String)] = [
        (["watch", "http://127.0.0.1:9/", "--replay", "x.ndjson"], "--replay plays a recording without a server: leave out the URL."),
        (["dash", "http://127.0.0.1:9/", "--replay", "x.ndjson"], "--replay plays a recording without a server: leave out the URL."),
        (["watch", "--replay", "x.ndjson", "--record", "y.ndjson"], "--replay and --record cannot be used together."),
        (["dash", "--replay", "x.ndjson", "--record", "y.ndjson"], "--replay and --record cannot be used together."),
        (["watch", "http://127.0.0.1:9/", "--speed", "2"], "--speed applies to --replay only."),
        (["watch"], "A URL is needed (or --replay FILE)."),
        (["dash"], "A URL is needed (or --replay FILE)."),
        (["watch", "--replay", "/nonexistent/x.ndjson"], "Cannot read the recording /nonexistent/x.ndjson: No such file or directory."),
        (["dash", "--replay", "/nonexistent/x.ndjson"], "Cannot read the recording /nonexistent/x.ndjson: No such file or directory."),
        (["watch", "--replay", "x.ndjson", "--subscribe", "#"], "--subscribe does not apply to --replay."),
        (["watch", "http://127.0.0.1:9/", "--record", "/nonexistent/dir/x.ndjson"], "Cannot record to /nonexistent/dir/x.ndjson: No such file or directory."),
        (["dash", "http://127.0.0.1:9/", "--record", "/nonexistent/dir/x.ndjson"], "Cannot record to /nonexistent/dir/x.ndjson: No such file or directory."),
    ]

    @Test(arguments: usageCases)
    func aMistakeIsOneSentence(arguments: [String], message: String) async throws {
        let result = try await runChildProcess(builtMushroomExecutable, arguments: arguments)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "mushroom: \(message)\n")
    }

    @Test func watchRecordsWhatItPrints() async throws {
        let server = try await ServeProcess.start(arguments: ["--demo"])
        let file = try TemporaryRecording()
        let result = try await runChildProcess(
            builtMushroomExecutable, arguments: ["watch", server.url, "--record", file.path, "--count", "3", "--json"])
        _ = await server.stop()
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let lines = file.text.split(separator: "\n")
        #expect(lines.first?.hasPrefix(#"{"mushroom_recording":1,"url":"\#(server.url)","transport":"ws","started":"#) == true)
        #expect(lines.dropFirst().first?.contains(#""event":"connecting""#) == true)
        #expect(lines.contains { $0.contains(#""event":"connected""#) })
        #expect(lines.filter { $0.contains(#""dir":"in","msg":[1,"#) }.count >= 3)
        #expect(lines.last?.contains(#""event":"closed""#) == true)
        // Replayed, the recording prints what watch printed live (and what came after it).
        let replayed = try await runChildProcess(builtMushroomExecutable, arguments: ["watch", "--replay", file.path, "--json", "--count", "3"])
        #expect(replayed.stdout == result.stdout)
    }

    @Test func aFullDiskStopsTheRecordingWithOneSentenceAndWatchGoesOn() async throws {
        let server = try await ServeProcess.start(arguments: ["--demo"])
        let result = try await runChildProcess(
            builtMushroomExecutable, arguments: ["watch", server.url, "--record", "/dev/full", "--count", "3", "--json"])
        _ = await server.stop()
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 3)
        #expect(result.stderr == "mushroom: The recording stopped: writing to /dev/full failed: No space left on device.\n")
    }
}
