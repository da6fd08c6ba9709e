@testable import DashboardModel
import Foundation
import MushroomRPC
import Testing

@Suite("Form")
struct RequestFormTests {
    /// A model with the form focused and `method`, `data` and `timeout` typed in.
    private func form(method: String = "orders.get", data: String = "", timeout: String? = nil) -> DashboardModel {
        var model = DashboardModel()
        model.perform(.focus(.form), .focusFormField(.method), .insert(method), .focusFormField(.data), .insert(data))
        if let timeout {
            model.perform(.focusFormField(.timeout), .cursorToEnd)
            for _ in 0..<10 { model.perform(.deleteBackward) }
            model.perform(.insert(timeout))
        }
        return model
    }

    private func errors(_ model: DashboardModel) -> [FormError] {
        model.snapshot(at: Timeline.origin).form.errors
    }

    @Test func aValidRequestYieldsASendCommand() {
        var model = form(data: "{\"id\": 3}", timeout: "2.5")
        #expect(errors(model).isEmpty)
        let commands = model.apply(.submit, at: Timeline.origin)
        #expect(commands.map(\.kind) == [.sendRequest(method: "orders.get", data: ["id": 3], timeout: .seconds(2.5))])
        #expect(model.snapshot(at: Timeline.origin).form.historyCount == 1)
    }

    @Test func commandsAreNumberedPerModel() {
        var model = form()
        let first = model.apply(.submit, at: Timeline.origin)
        let second = model.apply(.submit, at: Timeline.origin)
        #expect((first + second).map(\.id) == [CommandID(1), CommandID(2)])
        var other = form()
        #expect(other.apply(.submit, at: Timeline.origin).map(\.id) == [CommandID(1)])
    }

    @Test func theResultLineFollowsOnlyTheResultOfItsCommand() throws {
        var model = form(data: "{\"id\": 3}", timeout: "2.5")
        #expect(model.snapshot(at: Timeline.origin).form.result == nil)
        let earlier = try #require(model.apply(.submit, at: Timeline.origin).first)
        let command = try #require(model.apply(.submit, at: Timeline.origin).first)
        #expect(model.snapshot(at: Timeline.origin).form.result == .sending(method: "orders.get"))
        // Engine events of the same method, ours or the peer's, are not the form's answer.
        model.ingest(Timeline.started(5, "orders.get", direction: .inbound, at: 0.1))
        model.ingest(Timeline.started(6, "orders.get", at: 0.1))
        model.ingest(Timeline.finished(6, "orders.get", .response(1), latency: 0.1, at: 0.2))
        // Nor is the result of the command sent before.
        model.receive(CommandResult(id: earlier.id, outcome: .requestFinished(.response(1), latency: .seconds(0.1))))
        #expect(model.snapshot(at: Timeline.at(0.2)).form.result == .sending(method: "orders.get"))
        model.receive(CommandResult(id: command.id, outcome: .requestFinished(.error("no"), latency: .seconds(0.3))))
        #expect(model.snapshot(at: Timeline.at(0.4)).form.result
            == .finished(method: "orders.get", outcome: .error("no"), latency: .seconds(0.3)))
    }

    @Test func aNotificationResultGivesItsMessageIDOrTheRefusal() throws {
        var model = form(method: "chat.say")
        model.perform(.toggleFormKind)
        let sent = try #require(model.apply(.submit, at: Timeline.origin).first)
        #expect(model.snapshot(at: Timeline.origin).form.result == .sending(method: "chat.say"))
        model.receive(CommandResult(id: sent.id, outcome: .notified(12)))
        #expect(model.snapshot(at: Timeline.origin).form.result == .notified(method: "chat.say", id: 12))
        let refused = try #require(model.apply(.submit, at: Timeline.origin).first)
        model.receive(CommandResult(id: refused.id, outcome: .refused("outbound buffer full")))
        #expect(model.snapshot(at: Timeline.origin).form.result == .refused(method: "chat.say", reason: "outbound buffer full"))
    }

    @Test(arguments: [
        (RequestException("no") as any Error, CommandResult.Outcome.requestFinished(.error("no"), latency: .seconds(1))),
        (RequestTimeout(method: "m", timeout: .seconds(1)), .requestFinished(.timeout, latency: .seconds(1))),
        (CancellationError(), .requestFinished(.cancelled, latency: .seconds(1))),
        (ConnectionLost("session lost"), .requestFinished(.connectionLost("session lost"), latency: .seconds(1))),
        (OutboundBufferFull(.messages(3)), .refused("outbound buffer full: 3 messages waiting for acknowledgement")),
    ])
    func aRequestErrorBecomesItsOutcome(error: any Error, outcome: CommandResult.Outcome) {
        #expect(CommandResult.Outcome(requestError: error, latency: .seconds(1)) == outcome)
    }

    @Test func aNotificationIgnoresTheTimeout() {
        var model = form(method: "chat.say", data: "\"hi\"", timeout: "soon")
        model.perform(.toggleFormKind)
        #expect(model.snapshot(at: Timeline.origin).form.kind == .notification)
        #expect(model.apply(.submit, at: Timeline.origin).map(\.kind) == [.sendNotification(method: "chat.say", data: "hi")])
    }

    @Test(arguments: [
        ("1e20", "1e+20 is not a number of seconds above 0 and at most 3155760000 (100 years)"),
        ("nan", "nan is not a number of seconds above 0 and at most 3155760000 (100 years)"),
        ("0", "0.0 is not a number of seconds above 0 and at most 3155760000 (100 years)"),
        ("soon", "soon is not a number of seconds"),
    ])
    func aTimeoutOutOfRangeIsAFormErrorNotATrap(timeout: String, message: String) {
        var model = form(timeout: timeout)
        #expect(errors(model) == [FormError(field: .timeout, message: message, line: 1, column: 1, offset: 0)])
        #expect(model.apply(.submit, at: Timeline.origin).map(\.kind) == [])
    }

    @Test func emptyDataIsNullAndAnEmptyTimeoutWaitsForever() {
        var model = form(timeout: "")
        #expect(model.apply(.submit, at: Timeline.origin).map(\.kind) == [.sendRequest(method: "orders.get", data: .null, timeout: nil)])
    }

    @Test func theDefaultTimeoutIsPrefilled() {
        var model = form()
        #expect(model.snapshot(at: Timeline.origin).form.timeout == TextFieldSnapshot(text: "10", cursor: 2))
        #expect(model.apply(.submit, at: Timeline.origin).map(\.kind) == [.sendRequest(method: "orders.get", data: .null, timeout: .seconds(10))])
    }

    @Test func invalidJSONIsReportedWithLineAndColumn() {
        let model = form(data: "{\"a\": }")
        #expect(errors(model) == [FormError(field: .data, message: "unexpected character '}'", line: 1, column: 7, offset: 6)])
    }

    @Test func positionsCountLinesAndCharacters() {
        let model = form(data: "{\n  \"né\": tru\n}")
        #expect(errors(model) == [FormError(field: .data, message: "invalid literal", line: 2, column: 9, offset: 11)])
    }

    @Test func methodAndTimeoutAreValidated() {
        var model = form(method: "", timeout: "-1")
        #expect(errors(model) == [
            FormError(field: .method, message: "a method is required", line: 1, column: 1, offset: 0),
            FormError(field: .timeout, message: "-1.0 is not a number of seconds above 0 and at most 3155760000 (100 years)", line: 1, column: 1, offset: 0),
        ])
        #expect(model.apply(.submit, at: Timeline.origin).isEmpty)
        #expect(model.snapshot(at: Timeline.origin).form.historyCount == 0)
        #expect(errors(form(method: "orders get")) == [
            FormError(field: .method, message: "a method has no spaces", line: 1, column: 7, offset: 6)
        ])
    }

    @Test func editingMovesTheCursorAndDeletesAroundIt() {
        var model = form(method: "ordrs")
        model.perform(.focusFormField(.method), .moveCursor(-2), .insert("e"))
        #expect(model.snapshot(at: Timeline.origin).form.method == TextFieldSnapshot(text: "orders", cursor: 4))
        model.perform(.cursorToStart, .deleteForward, .deleteBackward, .moveCursor(-5))
        #expect(model.snapshot(at: Timeline.origin).form.method == TextFieldSnapshot(text: "rders", cursor: 0))
        model.perform(.cursorToEnd, .deleteForward, .deleteBackward)
        #expect(model.snapshot(at: Timeline.origin).form.method == TextFieldSnapshot(text: "rder", cursor: 4))
    }

    @Test func typingOutsideTheFormChangesNothing() {
        var model = form(method: "a")
        model.perform(.focus(.stream), .insert("zzz"))
        #expect(model.snapshot(at: Timeline.origin).form.method.text == "a")
    }

    @Test func fieldFocusCycles() {
        var model = DashboardModel()
        model.perform(.focus(.form))
        #expect(model.snapshot(at: Timeline.origin).form.focusedField == .method)
        model.perform(.nextFormField, .nextFormField, .nextFormField)
        #expect(model.snapshot(at: Timeline.origin).form.focusedField == .method)
        model.perform(.previousFormField)
        #expect(model.snapshot(at: Timeline.origin).form.focusedField == .timeout)
        model.perform(.moveSelection(1))
        #expect(model.snapshot(at: Timeline.origin).form.focusedField == .method)
    }

    @Test func historyIsNavigableLikeAShell() {
        var model = form(method: "first", data: "1")
        _ = model.apply(.submit, at: Timeline.origin)
        model.perform(.toggleFormKind, .focusFormField(.method), .cursorToEnd)
        for _ in 0..<5 { model.perform(.deleteBackward) }
        model.perform(.insert("second"))
        _ = model.apply(.submit, at: Timeline.origin)
        _ = model.apply(.submit, at: Timeline.origin)
        model.perform(.insert("-draft"))
        var form = model.snapshot(at: Timeline.origin).form
        #expect(form.historyCount == 2)
        #expect(form.historyPosition == nil)

        model.perform(.historyPrevious)
        form = model.snapshot(at: Timeline.origin).form
        #expect(form.historyPosition == 1)
        #expect(form.method.text == "second")
        #expect(form.kind == .notification)

        model.perform(.historyPrevious, .historyPrevious)
        form = model.snapshot(at: Timeline.origin).form
        #expect(form.historyPosition == 2)
        #expect(form.method.text == "first")
        #expect(form.data.text == "1")
        #expect(form.kind == .request)

        model.perform(.historyNext, .historyNext)
        form = model.snapshot(at: Timeline.origin).form
        #expect(form.historyPosition == nil)
        #expect(form.method.text == "second-draft")
        #expect(form.kind == .notification)
        model.perform(.historyNext)
        #expect(model.snapshot(at: Timeline.origin).form.method.text == "second-draft")
    }

    @Test func historyIsBounded() {
        var configuration = DashboardConfiguration()
        configuration.formHistoryCapacity = 2
        var model = DashboardModel(configuration: configuration)
        model.perform(.focus(.form))
        for method in ["a", "b", "c"] {
            model.perform(.focusFormField(.method), .deleteBackward, .insert(method))
            _ = model.apply(.submit, at: Timeline.origin)
        }
        model.perform(.historyPrevious, .historyPrevious, .historyPrevious)
        let form = model.snapshot(at: Timeline.origin).form
        #expect(form.historyCount == 2)
        #expect(form.method.text == "b")
    }

    @Test func methodCompletionFromMethodsSeen() {
        var model = DashboardModel()
        model.ingest(Timeline.notification(0, "orders.created", at: 0))
        model.ingest(Timeline.notification(1, "orders.paid", at: 0))
        model.ingest(Timeline.started(0, "users.get", at: 0))
        model.perform(.focus(.form), .insert("or"))
        #expect(model.snapshot(at: Timeline.origin).form.completions == ["orders.created", "orders.paid"])
        model.perform(.completeMethod)
        #expect(model.snapshot(at: Timeline.origin).form.method == TextFieldSnapshot(text: "orders.", cursor: 7))
        model.perform(.insert("p"), .completeMethod)
        #expect(model.snapshot(at: Timeline.origin).form.method.text == "orders.paid")
        model.perform(.clear)
        #expect(model.snapshot(at: Timeline.origin).form.completions == ["orders.created", "orders.paid", "users.get"])
    }
}

@Suite("Panes")
struct PaneTests {
    @Test func focusCyclesThroughThePanesBothWays() {
        var model = DashboardModel()
        #expect(model.snapshot(at: Timeline.origin).focus == .stream)
        model.perform(.focusNext, .focusNext)
        #expect(model.snapshot(at: Timeline.origin).focus == .errors)
        model.perform(.focusPrevious, .focusPrevious, .focusPrevious)
        #expect(model.snapshot(at: Timeline.origin).focus == .form)
        model.perform(.focusNext)
        #expect(model.snapshot(at: Timeline.origin).focus == .stream)
    }

    @Test func maximiseTogglesTheFocusedPane() {
        var model = DashboardModel()
        model.perform(.focus(.requests), .toggleMaximize)
        #expect(model.snapshot(at: Timeline.origin).maximized == .requests)
        model.perform(.toggleMaximize)
        #expect(model.snapshot(at: Timeline.origin).maximized == nil)
    }
}
