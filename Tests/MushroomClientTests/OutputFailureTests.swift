import Foundation
import MushroomTestSupport
import Testing

/// What the client commands do when their output cannot be written: a reader that went away ends
/// them quietly, as any Unix filter; a full disk or a closed descriptor ends them with one
/// sentence on standard error (when it works) and exit status 1; never a crash.
@Suite(.timeLimit(.minutes(2)))
struct OutputFailureTests {
    /// Runs `script` in bash with `$0` the built `mushroom` and `$1` the URL of a demo server.
    static func shell(_ script: String) async throws -> ChildProcessOutcome {
        let server = try await ServeProcess.start(arguments: ["--demo", "--tick-ms", "20", "--no-traffic", "--ping-ms", "0", "--log-level", "error"])
        let outcome = try await runChildProcess(
            URL(fileURLWithPath: "/bin/bash"), arguments: ["-c", script, builtMushroomExecutable.path, server.url])
        _ = await server.stop()
        return outcome
    }

    @Test func watchEndsQuietlyOnceHeadHasItsLine() async throws {
        let result = try await Self.shell(#""$0" watch "$1" --json | head -n 1; echo "watch exited with ${PIPESTATUS[0]}""#)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2, "unexpected output: \(result.stdout)")
        #expect(lines.first?.hasPrefix(#"{"id":"#) == true)
        #expect(lines.last == "watch exited with 141")
        #expect(result.stderr == "")
    }

    @Test func aFullDiskIsOneSentenceAndExit1() async throws {
        let result = try await Self.shell(#""$0" call "$1" echo 1 >/dev/full"#)
        #expect(result.status == 1)
        #expect(result.stderr == "mushroom: cannot write to standard output: No space left on device.\n")
    }

    @Test func aClosedStandardOutputIsOneSentenceAndExit1() async throws {
        let result = try await Self.shell(#""$0" call "$1" echo 1 >&-"#)
        #expect(result.status == 1)
        #expect(result.stderr == "mushroom: cannot write to standard output: Bad file descriptor.\n")
    }

    @Test(arguments: [#""$0" call "$1" echo 1 >/dev/full 2>&-"#, #""$0" call "$1" echo 1 >/dev/full 2>/dev/full"#])
    func withoutAWorkingStandardErrorTheExitStatusAloneTells(script: String) async throws {
        let result = try await Self.shell(script)
        #expect(result.status == 1)
        #expect(result.stdout == "" && result.stderr == "")
    }

    @Test(arguments: [#""$0" call http://127.0.0.1:99999/ echo 2>&-"#, #""$0" call "$1" echo --timeout=0 2>/dev/full"#])
    func anErrorSentenceThatCannotBeWrittenIsNoCrash(script: String) async throws {
        let result = try await Self.shell(script)
        #expect(result.status == 1)
        #expect(result.stdout == "" && result.stderr == "")
    }
}
