import DashboardModel
import Foundation
import Glibc
import MushroomCommandLine

/// Writes a `PaneExport` to a new file: its path, or, when that exists (two exports within a
/// second), the path with `-2`, `-3`, ... before the extension; never over an existing file.
enum ExportWriter {
    /// The most suffixes tried.
    static let maximumAttempts = 100

    /// Writes the export; returns the path written or one sentence saying why it was not.
    static func write(_ export: PaneExport) -> Result<String, ExportFailure> {
        for attempt in 1...maximumAttempts {
            let path = attempt == 1 ? export.path : numbered(export.path, attempt)
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor < 0 {
                if errno == EEXIST { continue }
                return .failure(ExportFailure("cannot create \(path): \(String(cString: strerror(errno)))"))
            }
            defer { close(descriptor) }
            if let failure = StandardStream(descriptor: descriptor).write(export.text) {
                return .failure(ExportFailure("cannot write \(path): \(String(cString: strerror(failure)))"))
            }
            return .success(path)
        }
        return .failure(ExportFailure("cannot create \(export.path): it and \(maximumAttempts - 1) numbered ones exist"))
    }

    /// `dir/name-N.ndjson` for `dir/name.ndjson`.
    private static func numbered(_ path: String, _ number: Int) -> String {
        let url = URL(fileURLWithPath: path)
        let base = url.deletingPathExtension().path
        return url.pathExtension.isEmpty ? "\(base)-\(number)" : "\(base)-\(number).\(url.pathExtension)"
    }
}

/// Why an export was not written, as one sentence.
struct ExportFailure: Error, Sendable, Hashable {
    let description: String
    init(_ description: String) { self.description = description }
}
