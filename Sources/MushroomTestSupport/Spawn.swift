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
