import CPseudoTerminal
import Foundation
import Synchronization

/// A mushroom client command running as a child process, measured from outside: `watch` writing
/// its lines to a file, or `dash` on a pseudo-terminal whose screen output is read (and searched
/// for a marker on request) so that the dashboard never blocks on a full terminal.
///
/// Nothing here blocks a Swift concurrency thread: the terminal is read and the child reaped on
/// threads of their own, and waiting is `Task.sleep`.
final class ClientProcess: Sendable {
    /// The child could not be started.
    struct SpawnFailed: Error, CustomStringConvertible {
        let description: String
    }

    /// What the child's standard output is.
    enum Output {
        /// A file, created or truncated (stdin is `/dev/null`, stderr goes to the file too).
        case file(String)
        /// A new pseudo-terminal of this size, also the child's stdin and stderr.
        case terminal(rows: UInt16, columns: UInt16)
    }

    let processIdentifier: pid_t
    /// The terminal's controlling side, when the output is a terminal.
    private let terminal: Int32?
    private let shared = Shared()

    /// What the reading and reaping threads share with the caller.
    private final class Shared: Sendable {
        let screen = Mutex(ScreenWatch())
        let exitStatus = Mutex<Int32?>(nil)
    }

    private struct ScreenWatch {
        var marker: [UInt8] = []
        /// The last bytes read before the marker was set, so that a marker split across reads is found.
        var tail: [UInt8] = []
        var seenAt: ContinuousClock.Instant?
    }

    /// Starts `arguments[0]` with `arguments` and `environment` added to this process's.
    init(_ arguments: [String], output: Output, environment: [String: String] = [:]) throws(SpawnFailed) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var controlling: Int32?
        switch output {
        case .file(let path):
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        case .terminal(let rows, let columns):
            let (master, slavePath) = try Self.openTerminal(rows: rows, columns: columns)
            controlling = master
            posix_spawn_file_actions_addclose(&actions, master)
            posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
            posix_spawn_file_actions_adddup2(&actions, 0, 1)
            posix_spawn_file_actions_adddup2(&actions, 0, 2)
        }
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, nil, &argv, &envp)
        guard status == 0 else {
            if let controlling { close(controlling) }
            throw SpawnFailed(description: "cannot start \(arguments[0]): \(String(cString: strerror(status)))")
        }
        processIdentifier = pid
        terminal = controlling
        if let controlling { startReading(controlling) }
        Thread { [pid, shared] in
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1, errno == EINTR {}
            shared.exitStatus.withLock { $0 = status }
        }.start()
    }

    private static func openTerminal(rows: UInt16, columns: UInt16) throws(SpawnFailed) -> (Int32, String) {
        var name = [CChar](repeating: 0, count: 128)
        let master = mushroom_open_pseudo_terminal(&name, name.count)
        guard master >= 0 else {
            throw SpawnFailed(description: "cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        return (master, String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// Reads the terminal until the child closes it, watching for the marker.
    private func startReading(_ descriptor: Int32) {
        Thread { [shared] in
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                let now = ContinuousClock.now
                shared.screen.withLock { watch in
                    guard !watch.marker.isEmpty, watch.seenAt == nil else { return }
                    let text = watch.tail + buffer[..<count]
                    if Self.contains(text, watch.marker) {
                        watch.seenAt = now
                    } else {
                        watch.tail = Array(text.suffix(watch.marker.count - 1))
                    }
                }
            }
            close(descriptor)
        }.start()
    }

    private static func contains(_ text: [UInt8], _ marker: [UInt8]) -> Bool {
        guard text.count >= marker.count else { return false }
        return (0...(text.count - marker.count)).contains { start in text[start..<(start + marker.count)].elementsEqual(marker) }
    }

    /// The child's CPU time (user and system) so far, in seconds.
    func cpuSeconds() throws -> Double {
        try ProcessCPU.seconds(of: processIdentifier)
    }

    /// Whether the child has exited.
    var hasExited: Bool { shared.exitStatus.withLock { $0 != nil } }

    /// Types `keys` into the terminal, then waits until `marker` appears on it; returns how long
    /// that took from just before the keys were written, or `nil` after `timeout`.
    func type(_ keys: String, thenWaitFor marker: String, timeout: Duration) async -> Duration? {
        guard let terminal else { return nil }
        shared.screen.withLock { $0 = ScreenWatch(marker: Array(marker.utf8)) }
        let start = ContinuousClock.now
        type(keys, on: terminal)
        while ContinuousClock.now - start < timeout {
            if let seen = shared.screen.withLock({ $0.seenAt }) { return seen - start }
            try? await Task.sleep(for: .milliseconds(1))
        }
        return nil
    }

    /// Waits until `marker` appears on the terminal (from now on), or `timeout` passes.
    func waitFor(_ marker: String, timeout: Duration) async -> Bool {
        await type("", thenWaitFor: marker, timeout: timeout) != nil
    }

    /// Types `keys` into the terminal.
    func type(_ keys: String) {
        guard let terminal else { return }
        type(keys, on: terminal)
    }

    private func type(_ keys: String, on terminal: Int32) {
        var bytes = Array(keys.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(terminal, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Waits up to `timeout` for the child to exit; sends SIGTERM, then SIGKILL, if it does not.
    func waitForExit(timeout: Duration) async {
        for signal in [0, SIGTERM, SIGKILL] {
            if signal != 0 { kill(processIdentifier, signal) }
            let deadline = ContinuousClock.now + timeout
            while !hasExited, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(10))
            }
            if hasExited { return }
        }
    }
}
