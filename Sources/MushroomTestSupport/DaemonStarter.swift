import Foundation

/// Runs a program that leaves a daemon behind (`tmux new-session -d`, `pg_ctl restart`) and
/// returns its exit status, without blocking a Swift concurrency thread. Foundation's `Process`
/// never sees such a program end (the daemon keeps its pipes open), and a daemon started through
/// it keeps every descriptor of this process: other tests' pipes and sockets, whose ends would
/// then never come. So it is spawned with only the standard descriptors and reaped directly, on a
/// thread of its own; its output goes where this process's goes.
public func runDaemonStarter(_ arguments: [String]) async -> Int32 {
    await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
        Thread { continuation.resume(returning: spawnAndWait(arguments)) }.start()
    }
}

private func spawnAndWait(_ arguments: [String]) -> Int32 {
    var pid: pid_t = 0
    var argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
        posix_spawn_file_actions_addclose(&actions, descriptor)
    }
    guard posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ) == 0 else { return -1 }
    var status: Int32 = 0
    guard waitpid(pid, &status, 0) == pid else { return -1 }
    return (status >> 8) & 0xFF
}
