import Glibc

/// Reads a small UTF-8 text file a person names (a theme, the config file): opened without
/// waiting (a FIFO would wait for a writer forever) and read only when it is a regular file of
/// at most 1 MiB. Each failure is the end of a sentence about the file.
enum SmallTextFile {
    /// The largest file read.
    static let largestSize = 1 << 20

    /// Why a file could not be read: `reason` ends a sentence ("no such file", "is a directory,
    /// not a theme file"), `missing` tells whether it does not exist.
    struct Failure: Error {
        let reason: String
        let missing: Bool
    }

    /// The text of `path`; `noun` names what it should be in messages ("a theme file").
    static func contents(of path: String, noun: String) throws(Failure) -> String {
        func fail(_ reason: String) -> Failure { Failure(reason: reason, missing: false) }
        func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw code == ENOENT ? Failure(reason: "no such file", missing: true) : fail("cannot be opened (\(reason(code)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw fail("cannot be read (\(reason(errno)))") }
        switch status.st_mode & mode_t(S_IFMT) {
        case mode_t(S_IFREG): break
        case mode_t(S_IFDIR): throw fail("is a directory, not \(noun)")
        case mode_t(S_IFIFO): throw fail("is a FIFO, not \(noun)")
        default: throw fail("is not a regular file, so not \(noun)")
        }
        let tooLarge = "is larger than 1 MiB, too large for \(noun)"
        guard status.st_size <= largestSize else { throw fail(tooLarge) }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size) + 1)
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { throw fail("cannot be read (\(reason(errno)))") }
            if got == 0 { break }
            count += got
        }
        guard count <= largestSize else { throw fail(tooLarge) }
        guard let text = String(validating: bytes[..<count], as: UTF8.self) else { throw fail("is not UTF-8 text") }
        return text
    }
}
