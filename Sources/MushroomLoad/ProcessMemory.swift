import Foundation

/// The memory of a running process, read from Linux's `/proc/PID/status`.
public enum ProcessMemory {
    /// The resident set size (`VmRSS`) of process `pid`, in KiB.
    public static func residentKiB(of pid: Int32) throws -> Int {
        let path = "/proc/\(pid)/status"
        let status: String
        do {
            status = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ProcessMemoryUnavailable(description: "cannot read \(path): \(error)")
        }
        return try residentKiB(status: status, path: path)
    }

    /// The `VmRSS` figure of a `/proc/PID/status` text (`VmRSS:   12345 kB`), in KiB.
    static func residentKiB(status: String, path: String) throws -> Int {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else {
            throw ProcessMemoryUnavailable(description: "\(path) has no VmRSS line")
        }
        let fields = line.split(whereSeparator: \.isWhitespace)
        guard fields.count == 3, fields[2] == "kB", let kib = Int(fields[1]) else {
            throw ProcessMemoryUnavailable(description: "\(path) has an unexpected VmRSS line '\(line)'")
        }
        return kib
    }
}

/// The memory figures of a process could not be read.
public struct ProcessMemoryUnavailable: Error, CustomStringConvertible {
    public let description: String
}
