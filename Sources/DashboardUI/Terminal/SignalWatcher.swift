import Glibc
import CNcurses
import Synchronization

/// The last termination signal received (SIGINT, SIGTERM, SIGHUP), 0 when none; set by the handler,
/// read by the run loop, which then leaves cleanly and restores the terminal.
private let pendingSignal = Atomic<Int32>(0)
/// Whether curses owns the terminal, so that a crash handler knows to restore it.
private let cursesActive = Atomic<Bool>(false)
/// The terminal's standard output and error while `OutputCapture` holds them (-1: not captured),
/// so that a crash report reaches the operator rather than the capture file.
private let terminalOutput = Atomic<Int32>(-1)
private let terminalError = Atomic<Int32>(-1)

/// Installs the signal handlers that guarantee the terminal is restored on every exit path.
enum SignalWatcher {
    /// Termination signals: recorded and handled by the run loop.
    static let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    /// Fatal signals (Swift traps are SIGILL/SIGTRAP): restore the terminal, then die as before.
    static let fatalSignals: [Int32] = [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]

    static func install() {
        pendingSignal.store(0, ordering: .relaxed)
        for signalNumber in terminationSignals {
            signal(signalNumber) { received in pendingSignal.store(received, ordering: .relaxed) }
        }
        for signalNumber in fatalSignals {
            signal(signalNumber) { received in
                if cursesActive.exchange(false, ordering: .relaxed) { endwin() }
                let output = terminalOutput.load(ordering: .relaxed), error = terminalError.load(ordering: .relaxed)
                if output >= 0, error >= 0 {
                    dup2(output, STDOUT_FILENO)
                    dup2(error, STDERR_FILENO)
                }
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    static func uninstall() {
        for signalNumber in terminationSignals + fatalSignals { signal(signalNumber, SIG_DFL) }
    }

    /// The termination signal received since `install`, if any.
    static var pending: Int32? {
        let value = pendingSignal.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// Records the terminal's descriptors while output is captured (-1 when not).
    static func setTerminalDescriptors(output: Int32, error: Int32) {
        terminalOutput.store(output, ordering: .relaxed)
        terminalError.store(error, ordering: .relaxed)
    }

    /// Records whether curses owns the terminal.
    static func setCursesActive(_ active: Bool) {
        cursesActive.store(active, ordering: .relaxed)
    }
}
