import DashboardUI
import Foundation
import Testing

/// Reading a theme file: anything but a readable regular UTF-8 file of at most 1 MiB is refused
/// with a sentence that says what the path is, and a FIFO is refused without waiting for a writer.
@Suite(.timeLimit(.minutes(1)))
struct ThemeFileTests {
    /// A fresh directory for one test.
    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("theme-file-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func message(loading path: String) -> String? {
        do {
            _ = try Theme.load(path: path)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aDirectoryIsNoThemeFile() throws {
        let directory = try Self.scratch()
        #expect(Self.message(loading: directory) == "theme \(directory): is a directory, not a theme file")
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let fifo = try Self.scratch() + "/theme.toml"
        try #require(mkfifo(fifo, 0o600) == 0)
        #expect(Self.message(loading: fifo) == "theme \(fifo): is a FIFO, not a theme file")
    }

    @Test func aMissingFileIsNamedSo() throws {
        let missing = try Self.scratch() + "/none.toml"
        #expect(Self.message(loading: missing) == "theme \(missing): no such file")
    }

    @Test func aDeviceIsNoRegularFile() {
        #expect(Self.message(loading: "/dev/null") == "theme /dev/null: is not a regular file, so not a theme file")
    }

    @Test func aFileBeyond1MiBIsNotRead() throws {
        let large = try Self.scratch() + "/large.toml"
        try Data(count: (1 << 20) + 1).write(to: URL(fileURLWithPath: large))
        #expect(Self.message(loading: large) == "theme \(large): is larger than 1 MiB, too large for a theme file")
    }

    @Test func textThatIsNotUTF8IsRefused() throws {
        let latin1 = try Self.scratch() + "/latin1.toml"
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x20, 0x3D, 0x20, 0x22, 0xE9, 0x22]).write(to: URL(fileURLWithPath: latin1))
        #expect(Self.message(loading: latin1) == "theme \(latin1): is not UTF-8 text")
    }
}
