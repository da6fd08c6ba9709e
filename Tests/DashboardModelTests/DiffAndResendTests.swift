@testable import DashboardModel
import Foundation
import MushroomRPC
import Testing

/// `m` and `d` (a structural diff in the detail view) and `r`/`R` (a request or notification
/// loaded into the form, or sent again at once).
@Suite struct DiffAndResendTests {
    @Test func theDiffNamesThePathsAddedRemovedAndChanged() {
        let old: JSONValue = ["price": 10, "items": [1, 2, 3], "name": "a", "gone": true, "odd key": 1, "deep": ["x": ["y": 1]]]
        let new: JSONValue = ["price": 12, "items": [1, 5], "name": "a", "new": .null, "odd key": 2, "deep": ["x": ["y": 1, "z": 2]]]
        #expect(JSONDiff(from: old, to: new).lines == [
            "+ deep.x.z: 2",
            "- gone: true",
            "~ items[1]: 2 -> 5",
            "- items[2]: 3",
            "+ new: null",
            #"~ ["odd key"]: 1 -> 2"#,
            "~ price: 10 -> 12",
        ])
        #expect(JSONDiff(from: old, to: old).lines == ["no differences"])
        #expect(JSONDiff(from: 1, to: "1").lines == [#"~ .: 1 -> "1""#])
        #expect(JSONDiff(from: [1], to: ["a": 1]).changes == [.changed(path: "", old: [1], new: ["a": 1])])
    }

    @Test func markingOneNotificationAndDiffingAnotherOpensTheDiff() throws {
        var model = DashboardModel()
        model.ingest(Timeline.notification(1, "price", ["amount": 10, "currency": "EUR"], at: 0))
        model.ingest(Timeline.notification(2, "price", ["amount": 12, "currency": "EUR"], at: 1))
        model.perform(.moveSelection(-1), .moveSelection(-1), .mark)
        #expect(model.takeEffects() == [.status("marked notification 1 price: d on another message shows what differs", isError: false)])
        model.perform(.moveSelection(1), .diffWithMarked)
        let detail = try #require(model.snapshot(at: Timeline.at(2)).detail)
        #expect(detail.title == "diff notification 1 price -> notification 2 price")
        #expect(detail.lines == ["~ data.amount: 10 -> 12", "~ id: 1 -> 2", "~ time: 1778307200.0 -> 1778307201.0"])
    }

    @Test func aRequestCanBeComparedWithANotificationAndInTheDetail() throws {
        var model = DashboardModel()
        model.ingest(Timeline.notification(1, "n", ["n": 1], at: 0))
        model.ingest(Timeline.started(4, "add", timeout: 10, at: 0))
        model.perform(.openDetail, .mark, .closeDetail, .focus(.requests), .moveSelection(1), .openDetail, .diffWithMarked)
        let detail = try #require(model.snapshot(at: Timeline.at(1)).detail)
        #expect(detail.title == "diff notification 1 n -> outbound request 4 add")
        #expect(detail.lines.contains(#"+ direction: "outbound""#))
        #expect(detail.lines.contains(#"- time: 1778307200.0"#))
    }

    @Test func diffWithoutAMarkOrWithoutASelectionIsOneSentence() {
        var model = DashboardModel()
        model.perform(.diffWithMarked, .mark)
        #expect(model.takeEffects() == [
            .status("no message is marked: m marks one to compare with", isError: true),
            .status("nothing marked: no message selected in the stream pane", isError: true),
        ])
    }

    @Test func rLoadsANotificationIntoTheFormAndFocusesIt() {
        var model = DashboardModel()
        model.ingest(Timeline.notification(1, "orders.created", ["n": 1], at: 0))
        let commands = model.apply(.openDetail, at: Timeline.origin) + model.apply(.editAgain, at: Timeline.origin)
        #expect(commands.isEmpty)
        let snapshot = model.snapshot(at: Timeline.at(1))
        #expect(snapshot.detail == nil)
        #expect(snapshot.focus == .form)
        #expect(snapshot.form.kind == .notification)
        #expect(snapshot.form.method.text == "orders.created")
        #expect(snapshot.form.data.text == #"{"n":1}"#)
        #expect(snapshot.form.focusedField == .data)
    }

    @Test func capitalRSendsARequestAgainThroughTheFormWithItsResultOnTheFormLine() throws {
        var model = DashboardModel()
        model.ingest(Timeline.started(4, "add", timeout: 10, at: 0))
        model.ingest(Timeline.finished(4, "add", .response(3), latency: 0.1, at: 0.1))
        model.perform(.focus(.requests), .moveSelection(1), .openDetail)
        let commands = model.apply(.sendAgain, at: Timeline.origin)
        #expect(commands.map(\.kind) == [.sendRequest(method: "add", data: ["n": 1], timeout: .seconds(10))])
        let command = try #require(commands.first)
        model.receive(CommandResult(id: command.id, outcome: .requestFinished(.response(3), latency: .milliseconds(5))))
        let snapshot = model.snapshot(at: Timeline.at(1))
        #expect(snapshot.detail == nil)
        #expect(snapshot.focus == .requests)
        #expect(snapshot.form.result == .finished(method: "add", outcome: .response(3), latency: .milliseconds(5)))
        #expect(snapshot.form.historyCount == 1)
    }

    @Test func anInvalidTimeoutKeepsCapitalRFromSendingAndSaysSo() {
        var model = DashboardModel()
        model.ingest(Timeline.started(4, "add", at: 0))
        model.perform(.focus(.form), .focusFormField(.timeout), .insert("x"), .focus(.requests), .moveSelection(1), .openDetail)
        #expect(model.apply(.sendAgain, at: Timeline.origin).isEmpty)
        #expect(model.takeEffects() == [.status("not sent: the form says what is wrong", isError: true)])
        #expect(model.snapshot(at: Timeline.at(1)).focus == .form)
    }

    @Test func onlyARequestOrNotificationCanBeSentAgain() {
        var model = DashboardModel()
        model.ingest(Timeline.finished(3, "slow", .timeout, latency: 10, at: 10))
        model.perform(.focus(.errors), .moveSelection(1), .editAgain, .openDetail, .sendAgain)
        #expect(model.takeEffects() == [
            .status("only the detail of a request or notification can be sent again", isError: true),
            .status("only the detail of a request or notification can be sent again", isError: true),
        ])
    }
}
