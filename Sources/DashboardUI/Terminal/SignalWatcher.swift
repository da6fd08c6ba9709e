import Glibc
import Synchronization

/// The last termination signal received (SIGINT, SIGTERM, SIGHUP), 0 when none; set by the handler,
/// read by the run loop, which then leaves cleanly and restores the terminal.
private let pendingSignal = Atomic<Int32>(0)

/// Installs the handlers of the termination signals, which the run loop answers by leaving cleanly.
/// (Fatal signals are the crash guard's, in the CNcurses shim: a crash cannot wait for the loop.)
enum SignalWatcher {
    /// Termination signals: recorded and handled by the run loop.
    static let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    static func install() {
        pendingSignal.store(0, ordering: .relaxed)
        for signalNumber in terminationSignals {
            signal(signalNumber) { received in pendingSignal.store(received, ordering: .relaxed) }
        }
    }

    static func uninstall() {
        for signalNumber in terminationSignals { signal(signalNumber, SIG_DFL) }
    }

    /// The termination signal received since `install`, if any.
    static var pending: Int32? {
        let value = pendingSignal.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }
}
