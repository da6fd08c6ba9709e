import Foundation

/// The CPU time a process has used, from `/proc/PID/stat` (Linux).
public enum ProcessCPU {
    /// User and system time of process `pid` so far, in seconds.
    public static func seconds(of pid: Int32) throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // The fields after the command name, which is in parentheses and may hold spaces.
        let fields = stat.split(separator: ")", maxSplits: 1).last?.split(separator: " ") ?? []
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
