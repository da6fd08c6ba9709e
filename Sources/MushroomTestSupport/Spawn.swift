import Foundation

/// Starts a program with posix_spawn, handing it only the standard descriptors: 0 from
/// `/dev/null`, 1 and 2 from `output` (or this process's own). Foundation's `Process.run()` is
/// not used for two reasons: in Swift 6.3.1 on Linux it reads past a buffer while it counts this
/// process's open descriptors (swift-corelibs-foundation PR 5472), which crashes a test process
/// holding many sockets now and then; and it hands the child every descriptor of this process,
/// which a daemon the child leaves behind would keep open. Returns the process id, or `nil`
/// when the program cannot be started.
func spawn(_ arguments: [String], environment: [String: String]?, output: (stdout: Int32, stderr: Int32)?) -> pid_t? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    if let output {
        posix_spawn_file_actions_adddup2(&actions, output.stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, output.stderr, 2)
    }
    let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
        posix_spawn_file_actions_addclose(&actions, descriptor)
    }
    var argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let variables = environment.map { $0.map { "\($0.key)=\($0.value)" } } ?? ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
    var envp = variables.map { strdup($0) } + [nil]
    defer { envp.forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, arguments[0], &actions, nil, &argv, &envp) == 0 else { return nil }
    return pid
}

/// Waits for `pid` to end; its exit status, 128 + the signal that ended it, or -1.
func waitForExit(of pid: pid_t) -> Int32 {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 {
        guard errno == EINTR else { return -1 }
    }
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
}

/// A child started with `spawn` whose stdout and stderr are pipes: its process id and the
/// pipes' read ends (close-on-exec, so that no other child started meanwhile keeps them open).
struct PipedChild {
    let pid: pid_t
    let stdout: Int32
    let stderr: Int32

    /// Starts `arguments` with its output on two new pipes; throws `ChildProcessNotStarted` when
    /// a pipe cannot be made or the program cannot be started.
    static func start(_ arguments: [String], environment: [String: String]?) throws -> PipedChild {
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
        return PipedChild(pid: pid, stdout: out[0], stderr: err[0])
    }

    /// Reads both pipes until each ends, handing every chunk to `received` (`true` for stdout),
    /// then closes them. Blocks: call it on a thread of its own.
    func readToEnd(_ received: (_ isStdout: Bool, _ bytes: ArraySlice<UInt8>) -> Void) {
        var fds = [pollfd(fd: stdout, events: Int16(POLLIN), revents: 0), pollfd(fd: stderr, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while fds.contains(where: { $0.fd >= 0 }) {
            guard poll(&fds, nfds_t(fds.count), -1) >= 0 || errno == EINTR else { break }
            for index in fds.indices where fds[index].fd >= 0 && fds[index].revents != 0 {
                let count = read(fds[index].fd, &buffer, buffer.count)
                if count > 0 {
                    received(index == 0, buffer[0..<count])
                } else if count == 0 || errno != EINTR {
                    close(fds[index].fd)
                    fds[index].fd = -1
                }
            }
        }
    }
}

/// Whether `pipe` succeeded (`result`); its ends are then marked close-on-exec.
private func closingOnExec(_ result: Int32, _ ends: [Int32]) -> Bool {
    guard result == 0 else { return false }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    return true
}
