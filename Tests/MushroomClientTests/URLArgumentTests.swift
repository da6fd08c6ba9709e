import MushroomTestSupport
import Testing

/// A URL with a port beyond 1...65535 given to any client command is one sentence and exit
/// status 1, before anything connects (it was a trap in NIO, or silently port 80).
@Suite(.timeLimit(.minutes(1)))
struct URLArgumentTests {
    static let commands: [[String]] = [["call"], ["notify"], ["watch"], ["bench"], ["dash"]]
    static let ports = ["99999", "65536", "0", "99999999999999999999"]

    @Test(arguments: commands, ports)
    func aPortOutOfRangeIsOneSentence(command: [String], port: String) async throws {
        let url = "http://127.0.0.1:\(port)/"
        let arguments = command + [url] + (["call", "notify"].contains(command[0]) ? ["echo"] : [])
        let result = try await runChildProcess(builtMushroomExecutable, arguments: arguments)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "mushroom: '\(url)' is not a usable mushroom URL: its port \(port) is not a number from 1 to 65535.\n")
    }
}
