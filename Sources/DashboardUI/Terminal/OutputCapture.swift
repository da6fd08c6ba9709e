import Foundation
import Glibc

/// Keeps stray output off the dashboard: while curses owns the terminal, anything other code
/// writes to standard output or standard error (log lines, prints) would scribble over the frame.
/// This points file descriptors 1 and 2 at a log file and gives curses a private duplicate of
/// the terminal; `restore()` puts them back and says where the captured output went.
final class OutputCapture {
    /// The stream curses writes to: the original standard output.
    let terminal: UnsafeMutablePointer<FILE>
    /// Where stray output goes while the dashboard runs.
    let logPath: String
    /// The terminal's standard output and error, duplicated.
    let savedOutput: Int32
    let savedError: Int32
    private var restored = false

    init() throws(TerminalError) {
        fflush(nil)
        logPath = FileManager.default.temporaryDirectory.appendingPathComponent("mushroom-dashboard-\(getpid()).log").path
        let log = open(logPath, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o600)
        guard log >= 0 else { throw TerminalError("cannot create \(logPath) for output while the dashboard runs: \(String(cString: strerror(errno)))") }
        defer { close(log) }
        savedOutput = dup(STDOUT_FILENO)
        savedError = dup(STDERR_FILENO)
        guard savedOutput >= 0, savedError >= 0, let terminal = fdopen(dup(savedOutput), "w") else {
            throw TerminalError("cannot duplicate the terminal's file descriptors: \(String(cString: strerror(errno)))")
        }
        self.terminal = terminal
        dup2(log, STDOUT_FILENO)
        dup2(log, STDERR_FILENO)
    }

    /// Points standard output and error back at the terminal; returns a note about the captured
    /// output, `nil` when there was none (the empty log is then removed).
    func restore() -> String? {
        guard !restored else { return nil }
        restored = true
        fflush(nil)
        dup2(savedOutput, STDOUT_FILENO)
        dup2(savedError, STDERR_FILENO)
        close(savedOutput)
        close(savedError)
        fclose(terminal)
        let size = (try? FileManager.default.attributesOfItem(atPath: logPath)[.size] as? Int) ?? 0
        guard size > 0 else {
            unlink(logPath)
            return nil
        }
        return "output written while the dashboard ran (\(size) bytes) is in \(logPath)"
    }
}
