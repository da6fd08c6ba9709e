@testable import DashboardModel
import Foundation
import MushroomRPC
import Testing

/// `y`/`Y` and `e` in the model: what the effects carry, and the sentences when there is nothing
/// to copy or export or the message is too big for a terminal's clipboard.
@Suite struct CopyAndExportTests {
    static func model(notifications: [(MessageID, String, JSONValue)]) -> DashboardModel {
        var model = DashboardModel()
        for (index, (id, method, data)) in notifications.enumerated() {
            model.ingest(Timeline.notification(id, method, data, at: Double(index)))
        }
        return model
    }

    @Test func yCopiesTheSelectedNotificationAsCompactJSONAndYAsPretty() throws {
        var model = Self.model(notifications: [(1, "orders.created", ["n": 1]), (2, "orders.paid", ["n": 2, "ok": true])])
        model.perform(.moveSelection(-1), .moveSelection(-1), .copy(pretty: false), .copy(pretty: true))
        let effects = model.takeEffects()
        #expect(model.takeEffects().isEmpty)
        guard effects.count == 2, case .copy(let compact) = effects[0], case .copy(let pretty) = effects[1] else {
            Issue.record("expected two copies, got \(effects)")
            return
        }
        #expect(compact.label == "notification 1 orders.created")
        #expect(compact.text == #"{"data":{"n":1},"id":1,"method":"orders.created","time":1778307200.0}"#)
        #expect(!compact.isPretty)
        #expect(pretty.isPretty)
        #expect(pretty.text.contains("\n"))
        #expect(try JSONValue(parsing: pretty.text) == JSONValue(parsing: compact.text))
        #expect(compact.copiedSentence == "copied notification 1 orders.created: \(compact.byteCount) bytes of compact JSON")
    }

    @Test func withNothingSelectedTheStreamCopiesItsNewestRowLikeTheDetail() {
        var model = Self.model(notifications: [(1, "a", 1), (2, "b", 2)])
        model.perform(.copy(pretty: false))
        guard case .copy(let copy) = model.takeEffects().first else { Issue.record("no copy"); return }
        #expect(copy.label == "notification 2 b")
    }

    @Test func anOpenDetailIsWhatIsCopied() {
        var model = DashboardModel()
        model.ingest(Timeline.started(7, "add", timeout: 10, at: 0))
        model.ingest(Timeline.finished(7, "add", .response(3), latency: 0.25, at: 0.25))
        model.perform(.focus(.requests), .moveSelection(1), .openDetail, .focus(.stream), .copy(pretty: false))
        guard case .copy(let copy) = model.takeEffects().first else { Issue.record("no copy"); return }
        #expect(copy.label == "outbound request 7 add")
        #expect(copy.text == #"{"data":{"n":1},"direction":"outbound","id":7,"late_response":false,"latency_seconds":0.25,"method":"add","result":3,"status":"response"}"#)
    }

    @Test func anErrorGroupIsCopiedAsItsRecord() throws {
        var model = DashboardModel()
        model.ingest(Timeline.finished(3, "slow", .timeout, latency: 10, at: 10))
        model.perform(.focus(.errors), .moveSelection(1), .copy(pretty: false))
        guard case .copy(let copy) = model.takeEffects().first else { Issue.record("no copy"); return }
        #expect(copy.label == "timeout slow errors")
        let record = try JSONValue(parsing: copy.text)
        #expect(record["kind"] == "timeout")
        #expect(record["count"] == 1)
        #expect(record["latest"] == "outbound request 3: no answer after 10 s")
    }

    @Test func nothingToCopyIsOneSentence() {
        var model = DashboardModel()
        model.perform(.copy(pretty: false), .focus(.connection), .copy(pretty: true))
        #expect(model.takeEffects() == [
            .status("nothing copied: no message selected in the stream pane", isError: true),
            .status("nothing copied: no message selected in the connection pane", isError: true),
        ])
    }

    @Test func aMessageOverTheClipboardLimitIsRefusedNotCutShort() {
        let big = JSONValue.string(String(repeating: "x", count: ClipboardCopy.maximumBytes))
        var model = Self.model(notifications: [(1, "big", big)])
        model.perform(.copy(pretty: false))
        let size = #"{"data":"","id":1,"method":"big","time":1778307200.0}"#.utf8.count + ClipboardCopy.maximumBytes
        #expect(model.takeEffects() == [.status(
            "not copied: notification 1 big is \(size) bytes of JSON, more than the 100000 a terminal's clipboard takes; e exports the pane to a file",
            isError: true)])
    }

    @Test func eExportsTheFilteredStreamAsNDJSONToATimestampedFile() throws {
        var configuration = DashboardConfiguration()
        configuration.exportDirectory = "/tmp/exports"
        var model = DashboardModel(configuration: configuration)
        model.ingest(Timeline.notification(1, "orders.created", ["n": 1], at: 0))
        model.ingest(Timeline.notification(2, "chat.message", "hi", at: 1))
        model.ingest(Timeline.notification(3, "orders.paid", ["n": 3], at: 2))
        model.perform(.beginFilterEdit, .insert("orders.*"), .applyFilter)
        let time = Date(timeIntervalSince1970: 1_796_155_262)  // 2026-12-01 20:01:02 UTC
        _ = model.apply(.export, at: time)
        guard case .export(let export) = model.takeEffects().first else { Issue.record("no export"); return }
        #expect(export.path == "/tmp/exports/mushroom-stream-20261201T200102Z.ndjson")
        #expect(export.rowCount == 2)
        let lines = export.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3)
        #expect(lines.last == "")
        #expect(try lines.dropLast().map { try JSONValue(parsing: String($0))["method"] } == ["orders.created", "orders.paid"])
        #expect(export.writtenSentence(to: "x.ndjson") == "exported 2 rows of the stream pane to x.ndjson")
    }

    @Test func theRequestsAndErrorsPanesExportTheirRowsAsListed() throws {
        var model = DashboardModel()
        model.ingest(Timeline.started(1, "slow", timeout: 30, at: 0))
        model.ingest(Timeline.started(2, "add", at: 0))
        model.ingest(Timeline.finished(2, "add", .error("bad"), latency: 0.1, at: 0.1))
        model.perform(.focus(.requests), .export, .focus(.errors), .export)
        let effects = model.takeEffects()
        guard effects.count == 2, case .export(let requests) = effects[0], case .export(let errors) = effects[1] else {
            Issue.record("expected two exports, got \(effects)"); return
        }
        #expect(requests.path.hasPrefix("./mushroom-requests-"))
        let statuses = try requests.text.split(separator: "\n").map { try JSONValue(parsing: String($0))["status"] }
        #expect(statuses == ["in flight", "error"])
        #expect(errors.rowCount == 1)
        #expect(errors.path.hasPrefix("./mushroom-errors-"))
    }

    @Test func anEmptyPaneOrOneWithoutRowsExportsNothingAndSaysSo() {
        var model = DashboardModel()
        model.perform(.export, .focus(.connection), .export, .focus(.form), .export)
        #expect(model.takeEffects() == [
            .status("nothing exported: the stream pane is empty", isError: true),
            .status("nothing exported: the connection pane has no rows to export", isError: true),
            .status("nothing exported: the form pane has no rows to export", isError: true),
        ])
    }
}
