import Foundation

/// The file-descriptor limit (`RLIMIT_NOFILE`) of this process and of a server's, for the runs
/// that hold thousands of sockets open: each socket is a descriptor on both ends.
public enum DescriptorLimit {
    /// The descriptors a run holds besides its sockets (standard streams, the event loops'
    /// selectors, pipes, an HTTP client's connections), and that a server keeps besides its sessions
    /// (`ConnectionGate` holds 64 back).
    public static let reserve = 64

    /// Raises this process's soft limit to its hard limit; throws `DescriptorLimitError` when the
    /// hard limit is below `needed`.
    public static func raise(toAtLeast needed: Int, for purpose: String) throws(DescriptorLimitError) {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else {
            throw DescriptorLimitError(description: "cannot read the file-descriptor limit: \(String(cString: strerror(errno)))")
        }
        let hard = Int(clamping: limit.rlim_max)
        guard hard >= needed else {
            throw DescriptorLimitError(description: """
                the file-descriptor hard limit is \(hard); \(purpose) need \(needed): raise it (ulimit -Hn, or prlimit --nofile)
                """)
        }
        limit.rlim_cur = limit.rlim_max
        guard setrlimit(resource, &limit) == 0 else {
            throw DescriptorLimitError(description: "cannot raise the file-descriptor limit to \(hard): \(String(cString: strerror(errno)))")
        }
    }

    /// Checks that process `pid` may open `needed` descriptors (its soft limit, from
    /// `/proc/PID/limits`); throws `DescriptorLimitError` when it may not, or the limit cannot be read.
    public static func check(process pid: Int32, allows needed: Int, for purpose: String) throws(DescriptorLimitError) {
        let path = "/proc/\(pid)/limits"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DescriptorLimitError(description: "cannot read \(path): is process \(pid) running?")
        }
        let fields = text.split(separator: "\n").first { $0.hasPrefix("Max open files") }?.split(whereSeparator: \.isWhitespace)
        guard let fields, fields.count >= 5 else {
            throw DescriptorLimitError(description: "\(path) has no 'Max open files' line")
        }
        // "Max open files  SOFT  HARD  files": a number, or "unlimited".
        guard let soft = Int(fields[3]) else { return }
        guard soft >= needed else {
            throw DescriptorLimitError(description: """
                the server (process \(pid)) may open \(soft) files; \(purpose) need \(needed): start it with a higher limit (ulimit -n, or prlimit --nofile)
                """)
        }
    }

    #if canImport(Glibc)
    private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let resource = RLIMIT_NOFILE
    #endif
}

/// A process may not open the descriptors a run needs (or its limit cannot be read); the
/// description says which, and what to do.
public struct DescriptorLimitError: Error, CustomStringConvertible {
    public let description: String
}
