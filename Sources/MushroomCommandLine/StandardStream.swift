import Glibc

/// One of the process's standard streams, written with `write(2)`: no buffering, interrupted and
/// partial writes continued, and a failure returned as its `errno` instead of trapping (as
/// `FileHandle.write` does on a closed pipe or a full disk).
public struct StandardStream: Sendable {
    /// File descriptor 1.
    public static let output = StandardStream(descriptor: STDOUT_FILENO)
    /// File descriptor 2.
    public static let error = StandardStream(descriptor: STDERR_FILENO)

    let descriptor: Int32

    /// The stream of an open file descriptor (a file the tool writes, such as a recording).
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Writes all of `text`; returns the `errno` of the failure that stopped it, `nil` when all of
    /// it was written.
    @discardableResult
    public func write(_ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { write($0) }
    }

    /// Writes all of `bytes`; returns the `errno` of the failure that stopped it, `nil` when all of
    /// them were written.
    @discardableResult
    public func write(_ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBufferPointer { write($0) }
    }

    private func write(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }

    /// Prepares the process for writing this way; call it first thing. Ignores SIGPIPE, so that a
    /// reader that went away is an `EPIPE` from `write` rather than a signal in the middle of any
    /// write; and opens descriptors 0, 1 and 2 read-only on /dev/null where they are closed, so
    /// that no file or socket opened later takes their place (a write to them then fails with
    /// `EBADF`).
    public static func prepare() {
        signal(SIGPIPE, SIG_IGN)
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            let null = open("/dev/null", O_RDONLY)
            if null >= 0, null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
        }
    }
}

/// What a command-line tool prints: result lines on standard output and messages on standard
/// error. When standard output's reader has gone (`tool | head -1`), the tool ends quietly, as a
/// Unix filter does, by SIGPIPE; when standard output cannot take the line (a full disk, a
/// closed descriptor), it ends with one sentence on standard error and exit status 1.
public struct Console: Sendable {
    /// The tool's name, which begins its sentences.
    public let program: String

    /// A console for the tool `program`.
    public init(program: String) {
        self.program = program
    }

    /// Writes `line` and a newline on standard output at once, so pipelines see each line as it comes.
    public func printLine(_ line: String) {
        writeOutput(line + "\n")
    }

    /// Writes UTF-8 text already laid out in lines on standard output, in one write.
    public func printUTF8(_ bytes: [UInt8]) {
        if !bytes.isEmpty { report(StandardStream.output.write(bytes)) }
    }

    private func writeOutput(_ text: String) {
        report(StandardStream.output.write(text))
    }

    /// After a write to standard output: a closed pipe ends the tool as SIGPIPE would, any other
    /// failure with one sentence and status 1.
    private func report(_ failure: Int32?) {
        guard let failure else { return }
        if failure == EPIPE {
            signal(SIGPIPE, SIG_DFL)
            raise(SIGPIPE)
            _exit(128 + SIGPIPE)
        }
        printError("\(program): cannot write to standard output: \(String(cString: strerror(failure))).")
        _exit(1)
    }

    /// Writes `line` and a newline on standard error; when standard error cannot take it, there is
    /// nowhere left to say so, and the tool goes on to its exit status.
    public func printError(_ line: String) {
        StandardStream.error.write(line + "\n")
    }
}
