import DashboardModel
@testable import DashboardUI
import Foundation
import MushroomRPC
import Testing

/// Copy and export through the run loop on a scripted terminal: the clipboard gets the JSON,
/// the file gets the rows, and the status line says what happened (a failure in one sentence).
@Suite(.timeLimit(.minutes(1)))
struct ToolkitAppTests {
    /// An inbox holding two notifications.
    static func inbox() -> EventInbox {
        let inbox = EventInbox()
        let origin = Date(timeIntervalSince1970: 1_796_155_262)
        inbox.post(EngineEvent(time: origin, kind: .messageReceived(.notification(.init(id: 1, method: "orders.created", data: ["n": 1])))))
        inbox.post(EngineEvent(time: origin, kind: .messageReceived(.notification(.init(id: 2, method: "orders.paid", data: ["n": 2])))))
        return inbox
    }

    /// Wide enough for the longest status sentence.
    static let wide = Size(rows: 24, columns: 240)

    static func shows(_ text: String) -> @Sendable (MemorySurface) -> Bool {
        { surface in surface.lines.contains { $0.contains(text) } }
    }

    @Test func yPutsTheSelectedNotificationOnTheClipboardAndSaysHowBig() async throws {
        let keys = ScriptedTerminal.Burst([.up, .character("y")], when: Self.shows("orders.paid"))
        let quit = ScriptedTerminal.Burst([.control("c")], when: Self.shows("copied notification"))
        let run = try await DashboardAppTests.run([keys, quit], inbox: Self.inbox()) { _ in .refused("no engine") }
        #expect(!run.gaveUp)
        let expected = #"{"data":{"n":2},"id":2,"method":"orders.paid","time":1796155262.0}"#
        #expect(run.clipboard == [expected])
        #expect(run.lines[Self.wide.rows - 1].hasPrefix("copied notification 2 orders.paid: \(expected.utf8.count) bytes of compact JSON"))
    }

    @Test func eWritesTheStreamToAFileAndShowsItsPath() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = DashboardConfiguration()
        configuration.exportDirectory = directory.path
        let keys = ScriptedTerminal.Burst([.character("e")], when: Self.shows("orders.paid"))
        let quit = ScriptedTerminal.Burst([.control("c")], when: Self.shows("exported 2 rows"))
        let run = try await DashboardAppTests.run([keys, quit], inbox: Self.inbox(), model: configuration, size: Self.wide) { _ in
            .refused("no engine")
        }
        #expect(!run.gaveUp)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.count == 1)
        let first = try #require(files.first)
        #expect(first.hasPrefix("mushroom-stream-") && first.hasSuffix("Z.ndjson"))
        let text = try String(contentsOf: directory.appendingPathComponent(first), encoding: .utf8)
        #expect(text == #"""
            {"data":{"n":1},"id":1,"method":"orders.created","time":1796155262.0}
            {"data":{"n":2},"id":2,"method":"orders.paid","time":1796155262.0}

            """#)
        let footer = run.lines[Self.wide.rows - 1]
        #expect(footer.hasPrefix("exported 2 rows of the stream pane to \(directory.path)/mushroom-stream-"))
    }

    @Test func aSecondExportToTheSamePathIsNumberedNotWrittenOver() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("rows.ndjson").path
        let export = PaneExport(pane: .errors, path: path, text: "{}\n", rowCount: 1)
        #expect(ExportWriter.write(export) == .success(path))
        #expect(ExportWriter.write(export) == .success(directory.appendingPathComponent("rows-2.ndjson").path))
        #expect(ExportWriter.write(export) == .success(directory.appendingPathComponent("rows-3.ndjson").path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{}\n")
    }

    @Test func anExportThatCannotBeWrittenIsOneSentenceNotACrash() async throws {
        var configuration = DashboardConfiguration()
        configuration.exportDirectory = "/nonexistent-\(UUID().uuidString)"
        let keys = ScriptedTerminal.Burst([.character("e")], when: Self.shows("orders.paid"))
        let quit = ScriptedTerminal.Burst([.control("c")], when: Self.shows("not exported"))
        let run = try await DashboardAppTests.run([keys, quit], inbox: Self.inbox(), model: configuration, size: Self.wide) { _ in
            .refused("no engine")
        }
        #expect(!run.gaveUp)
        #expect(run.lines[Self.wide.rows - 1].hasPrefix("not exported: cannot create \(configuration.exportDirectory)/mushroom-stream-"))
        #expect(run.lines[Self.wide.rows - 1].contains(".ndjson: No such file or directory"))
    }

    @Test func theClipboardSequenceIsOSC52WithBase64() {
        #expect(ClipboardSequence.bytes(for: #"{"a":"é"}"#) == Array("\u{1B}]52;c;eyJhIjoiw6kifQ==\u{07}".utf8))
    }
}
