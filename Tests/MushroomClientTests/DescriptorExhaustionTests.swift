import Foundation
import MushroomLoad
import MushroomTestSupport
import Testing

/// A server whose file-descriptor limit is smaller than the connections it is offered keeps
/// serving: it never reaches `EMFILE` (its `ConnectionGate` sheds idle sockets first), and so
/// never spins in its accept loop. Before the gate, 400 idle sockets against a limit of 200 cost
/// a full core and no client was served.
@Suite(.timeLimit(.minutes(2)))
struct DescriptorExhaustionTests {
    @Test func idleSocketsBeyondTheDescriptorLimitNeitherSpinNorStarveClients() async throws {
        let server = try await ServeProcess.start(
            arguments: ["--demo", "--tick-ms", "0", "--no-traffic", "--ping-ms", "0"], descriptorLimit: 128)
        let port = try #require(URL(string: server.url)?.port)
        let sockets = (0..<300).compactMap { _ in IdleSocket(port: port) }
        defer { sockets.forEach { $0.close() } }
        #expect(sockets.count == 300)
        try await Task.sleep(for: .milliseconds(500))
        let before = try ProcessCPU.seconds(of: server.processIdentifier)
        try await Task.sleep(for: .seconds(2))
        let spent = try ProcessCPU.seconds(of: server.processIdentifier) - before
        // A spinning accept loop spends the whole interval on a core.
        #expect(spent < 1.0, "the server spent \(spent) s of CPU in 2 s with idle sockets open")
        let answer = try await runChildProcess(builtMushroomExecutable, arguments: ["call", server.url, "echo", "[1]", "--timeout", "10"])
        #expect(answer.stdout == "[1]\n", "\(answer.stderr)")
        #expect(await server.stop() == 0)
    }
}

/// A loopback TCP connection that sends nothing.
private struct IdleSocket {
    let descriptor: Int32

    init?(port: Int) {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(descriptor)
            return nil
        }
    }

    func close() { Glibc.close(descriptor) }
}
