import Glibc
import CNcurses
import Synchronization

/// The last termination signal received (SIGINT, SIGTERM, SIGHUP), 0 when none; set by the handler,
/// read by the run loop, which then leaves cleanly and restores the terminal.
private let pendingSignal = Atomic<Int32>(0)
/// Whether curses owns the terminal, so that a crash handler knows to restore it.
private let cursesActive = Atomic<Bool>(false)

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

    /// Records whether curses owns the terminal.
    static func setCursesActive(_ active: Bool) {
        cursesActive.store(active, ordering: .relaxed)
    }
}
