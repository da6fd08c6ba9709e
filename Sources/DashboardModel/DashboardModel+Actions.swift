import Foundation
import MushroomRPC

extension DashboardModel {
    /// Applies an operator action at `time`; returns what the engine should do (a submitted form),
    /// each command with a new id for its `CommandResult`.
    public mutating func apply(_ action: OperatorAction, at time: Date) -> [EngineCommand] {
        switch action {
        case .focusNext: focus = pane(after: focus, by: 1)
        case .focusPrevious: focus = pane(after: focus, by: -1)
        case .focus(let pane): if panes.contains(pane) { focus = pane }
        case .toggleMaximize: maximized = maximized == nil ? focus : nil
        case .layout(let layout): self.layout = layout
        case .moveSelection(let delta): focus.slot.moveSelection(&self, delta)
        case .selectVisibleRow(let row): focus.slot.selectVisibleRow(&self, row)
        case .selectFirst: focus.slot.selectFirst(&self)
        case .selectLast: focus.slot.selectLast(&self)
        case .scroll(let delta):
            if detail != nil {
                scrollDetail(by: delta)
            } else {
                focus.slot.scroll(&self, delta)
            }
        case .beginFilterEdit: shownStream.beginFilterEdit()
        case .applyFilter: changeStreams { $0.applyFilter() }
        case .cancelFilterEdit: shownStream.cancelFilterEdit()
        case .clearFilter: changeStreams { $0.clearFilter() }
        case .applyFilterText(let text): changeStreams { $0.applyFilter(text: text) }
        case .togglePause: changeStreams { $0.togglePause() }
        case .clear:
            focus.slot.clear(&self)
            detail = nil
        case .openDetail: openDetail(at: time)
        case .closeDetail: detail = nil
        case .toggleFormKind: form.toggleKind()
        case .nextFormField: form.moveFocus(by: 1)
        case .previousFormField: form.moveFocus(by: -1)
        case .focusFormField(let field): form.focus(field)
        case .insert(let text): editText { $0.insert(text) }
        case .deleteBackward: editText { $0.deleteBackward() }
        case .deleteForward: editText { $0.deleteForward() }
        case .moveCursor(let delta): editText { $0.moveCursor(by: delta) }
        case .cursorToStart: editText { $0.moveCursorToStart() }
        case .cursorToEnd: editText { $0.moveCursorToEnd() }
        case .completeMethod: form.completeMethod(from: knownMethods)
        case .submit:
            guard let kind = form.submit() else { return [] }
            let command = EngineCommand(id: CommandID(nextCommandNumber), kind: kind, server: formServer)
            nextCommandNumber += 1
            formResult = FormResult(submitted: kind)
            formCommand = command.id
            return [command]
        case .historyPrevious: form.historyPrevious()
        case .historyNext: form.historyNext()
        case .cycleSessionOrder: sessions.cycleOrder()
        case .requestSessionEnd: sessions.requestEnd()
        case .confirmSessionEnd:
            let id = takeCommandID()
            guard var command = sessions.confirmEnd(id: id) else { return [] }
            command.server = formServer
            return [command]
        case .cancelSessionEnd: sessions.cancelEnd()
        case .copy(let pretty): copy(pretty: pretty, at: time)
        case .export: exportFocusedPane(at: time)
        case .mark: markMessage(at: time)
        case .diffWithMarked: diffWithMarked(at: time)
        case .editAgain: return resend(sendNow: false, at: time)
        case .sendAgain: return resend(sendNow: true, at: time)
        case .toggleLatencyView: toggleLatencyView()
        case .cycleRateOrder: cycleRateOrder()
        case .cycleServer: if watchesSeveralServers { show(server: nextShownServer) }
        case .showServer(let server): show(server: server)
        }
        return []
    }

    private func pane(after pane: Pane, by delta: Int) -> Pane {
        let all = panes
        let index = all.firstIndex(of: pane) ?? 0
        return all[((index + delta) % all.count + all.count) % all.count]
    }

    /// Edits the filter while it is being edited, else the form's focused field when the form has focus.
    private mutating func editText(_ body: (inout TextField) -> Void) {
        if shownStream.isEditingFilter {
            shownStream.editFilter(body)
        } else if focus == .form {
            form.edit(body)
        }
    }
}
