import Foundation

/// Runs a program that leaves a daemon behind (`tmux new-session -d`, `pg_ctl restart`) and
/// returns its exit status, without blocking a Swift concurrency thread. Its output goes where
/// this process's goes, so that the daemon holds no pipe of ours, and it gets none of this
/// process's other descriptors (`spawn`): other tests' pipes and sockets, whose ends would then
/// never come.
public func runDaemonStarter(_ arguments: [String]) async -> Int32 {
    await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
        Thread {
            continuation.resume(returning: spawn(arguments, environment: nil, output: nil).map(waitForExit(of:)) ?? -1)
        }.start()
    }
}

/// Starts a program without waiting for it (a thread of its own reaps it), its output where this
/// process's goes: a clean-up in a `defer`, such as `tmux kill-server`.
public func runDetached(_ arguments: [String]) {
    Thread { _ = spawn(arguments, environment: nil, output: nil).map(waitForExit(of:)) }.start()
}
