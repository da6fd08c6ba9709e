import Foundation

/// A committed libFuzzer corpus: one input a file, named by its hash.
public enum FuzzCorpus {
    /// The inputs in `directory`, by file name; `directory` is found next to the test source that
    /// asks (`#filePath`), so no resource bundle is needed.
    public static func load(_ folder: String, besides sourceFile: String = #filePath) throws -> [(name: String, bytes: [UInt8])] {
        let directory = URL(fileURLWithPath: sourceFile).deletingLastPathComponent().appendingPathComponent(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        return try names.map { ($0, Array(try Data(contentsOf: directory.appendingPathComponent($0)))) }
    }
}
