import Foundation

/// How a child process ended and what it wrote.
public struct ChildProcessOutcome: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs a program to completion without blocking a Swift concurrency thread: it is started and
/// reaped on a thread of its own (`spawn`), which reads both of its pipes as they fill (a child
/// whose output fills a pipe waits for a reader). Throws when the program cannot be started.
public func runChildProcess(
    _ executable: URL, arguments: [String], environment: [String: String]? = nil
) async throws -> ChildProcessOutcome {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            continuation.resume(with: Result { try runToEnd([executable.path] + arguments, environment: environment) })
        }.start()
    }
}

/// The child could not be started.
public struct ChildProcessNotStarted: Error, CustomStringConvertible {
    public let path: String
    public var description: String { "could not start \(path)" }
}

private func runToEnd(_ arguments: [String], environment: [String: String]?) throws -> ChildProcessOutcome {
    var out: [Int32] = [0, 0]
    var err: [Int32] = [0, 0]
    guard closingOnExec(pipe(&out), out) else { throw ChildProcessNotStarted(path: arguments[0]) }
    guard closingOnExec(pipe(&err), err) else {
        close(out[0])
        close(out[1])
        throw ChildProcessNotStarted(path: arguments[0])
    }
    let pid = spawn(arguments, environment: environment, output: (out[1], err[1]))
    close(out[1])
    close(err[1])
    guard let pid else {
        close(out[0])
        close(err[0])
        throw ChildProcessNotStarted(path: arguments[0])
    }
    let (stdout, stderr) = readBoth(out[0], err[0])
    let status = waitForExit(of: pid)
    return ChildProcessOutcome(status: status, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}

/// Whether `pipe` succeeded (`result`); its ends are then marked close-on-exec, so that no other
/// child started meanwhile keeps them open.
private func closingOnExec(_ result: Int32, _ ends: [Int32]) -> Bool {
    guard result == 0 else { return false }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    return true
}

/// Reads two pipes to their ends, whichever has data, and closes them.
private func readBoth(_ first: Int32, _ second: Int32) -> ([UInt8], [UInt8]) {
    var collected: [[UInt8]] = [[], []]
    var fds = [pollfd(fd: first, events: Int16(POLLIN), revents: 0), pollfd(fd: second, events: Int16(POLLIN), revents: 0)]
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while fds.contains(where: { $0.fd >= 0 }) {
        guard poll(&fds, nfds_t(fds.count), -1) >= 0 || errno == EINTR else { break }
        for index in fds.indices where fds[index].fd >= 0 && fds[index].revents != 0 {
            let count = read(fds[index].fd, &buffer, buffer.count)
            if count > 0 {
                collected[index] += buffer[0..<count]
            } else if count == 0 || errno != EINTR {
                close(fds[index].fd)
                fds[index].fd = -1
            }
        }
    }
    return (collected[0], collected[1])
}

/// The `mushroom` executable built with the tests (test targets that use it depend on it).
public var builtMushroomExecutable: URL {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        Bundle.main.bundleURL.deletingLastPathComponent(),
        Bundle.main.bundleURL,
    ]
    return candidates.map { $0.appendingPathComponent("mushroom") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0].appendingPathComponent("mushroom")
}
