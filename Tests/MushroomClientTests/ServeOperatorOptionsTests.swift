import Foundation
import MushroomRPC
import MushroomServer
import MushroomTestSupport
import Testing

/// `mushroom serve --metrics-port`, `--log-format` and `--admin-token` through the built binary:
/// what a person types wrong ends in one sentence and exit status 1; what is right is served.
@Suite(.timeLimit(.minutes(2)))
struct ServeOperatorOptionsTests {
    @Test(arguments: [
        (["--metrics-port", "70000"], "mushroom: --metrics-port must be between 0 and 65535, got 70000\n"),
        (["--metrics-port=-1"], "mushroom: --metrics-port must be between 0 and 65535, got -1\n"),
        (["--port", "8089", "--metrics-port", "8089"], "mushroom: --metrics-port must differ from --port, both are 8089\n"),
        (["--metrics-port", "ninety"], "mushroom: The value 'ninety' is invalid for '--metrics-port <metrics-port>'\n"),
        (["--log-format", "xml"], "mushroom: The value 'xml' is invalid for '--log-format <log-format>'. Please provide one of 'text' and 'json'.\n"),
        (["--admin-token", ""], "mushroom: --admin-token must not be empty\n"),
    ])
    func aBadValueIsRefusedBeforeListening(options: [String], message: String) async throws {
        let result = try await runChildProcess(builtMushroomExecutable, arguments: ["serve", "--port", "0"] + options)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == message + "Run 'mushroom help' for usage.\n")
    }

    @Test func aMetricsPortInUseIsOneSentence() async throws {
        var configuration = MushroomServerConfiguration()
        configuration.port = 0
        configuration.logger.logLevel = .critical
        let holder = try await MushroomServer(configuration: configuration).start()
        let result = try await runChildProcess(
            builtMushroomExecutable, arguments: ["serve", "--port", "0", "--metrics-port", "\(holder.port)"])
        await holder.shutdown()
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "mushroom: could not serve metrics on 127.0.0.1:\(holder.port): the port is already in use.\n")
    }

    @Test func theAdminMethodsAnswerTheTokenAndOnlyTheToken() async throws {
        let server = try await ServeProcess.start(arguments: ["--admin-token", "s3cret"])
        let admin = try await runChildProcess(builtMushroomExecutable, arguments: ["call", server.url, "mushroom.sessions", "--admin-token", "s3cret"])
        #expect(admin.status == 0)
        #expect(try JSONValue(parsing: admin.stdout).arrayValue?.count == 1)
        for token in [["--admin-token", "s3cre"], ["--auth", #"{"admin": "wrong"}"#], []] {
            let refused = try await runChildProcess(builtMushroomExecutable, arguments: ["call", server.url, "mushroom.sessions"] + token)
            #expect(refused.status == 2)
            #expect(refused.stderr == "\"mushroom.sessions\"\n")
        }
        let notAnObject = try await runChildProcess(
            builtMushroomExecutable, arguments: ["call", server.url, "mushroom.sessions", "--auth", "5", "--admin-token", "s3cret"])
        #expect(notAnObject.status == 1)
        #expect(notAnObject.stderr == "mushroom: --admin-token needs --auth to be a JSON object, got 5.\n")
        #expect(await server.stop() == 0)
    }

    @Test func jsonLogsAreOneObjectALineWithMetadataAsFields() async throws {
        let server = try await ServeProcess.start(arguments: ["--log-format", "json", "--log-level", "info"])
        _ = try await runChildProcess(builtMushroomExecutable, arguments: ["call", server.url, "anything"])
        #expect(await server.stop() == 0)
        let lines = server.log.split(separator: "\n").map(String.init)
        #expect(!lines.isEmpty)
        let objects = lines.compactMap { try? JSONValue(parsing: $0) }
        #expect(objects.count == lines.count, "every line is one JSON object: \(server.log)")
        let opened = try #require(objects.first { $0["message"] == "session opened (ws)" })
        #expect(Set(opened.objectValue.map { Array($0.keys) } ?? []) == ["timestamp", "level", "label", "message", "source", "mushroom.session"])
        #expect(opened["level"] == "info")
        #expect(opened["label"] == "mushroom.server")
        #expect(opened["source"] == "MushroomServer")
        #expect(opened["mushroom.session"]?.stringValue?.count == 22)
        #expect(opened["timestamp"]?.stringValue?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
    }

    @Test func textLogsStayTheDefault() async throws {
        let server = try await ServeProcess.start(arguments: ["--log-level", "info"])
        _ = try await runChildProcess(builtMushroomExecutable, arguments: ["call", server.url, "anything"])
        #expect(await server.stop() == 0)
        let opened = try #require(server.log.split(separator: "\n").first { $0.contains("session opened (ws)") })
        #expect(opened.contains(" info mushroom.server: mushroom.session="))
        #expect(opened.hasSuffix("[MushroomServer] session opened (ws)"))
    }
}
