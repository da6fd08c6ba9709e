import Foundation
import MushroomRPC

extension DashboardModel {
    /// Applies an operator action at `time`; returns what the engine should do (a submitted form),
    /// each command with a new id for its `CommandResult`.
    public mutating func apply(_ action: OperatorAction, at time: Date) -> [EngineCommand] {
        switch action {
        case .focusNext: focus = Self.pane(after: focus, by: 1)
        case .focusPrevious: focus = Self.pane(after: focus, by: -1)
        case .focus(let pane): focus = pane
        case .toggleMaximize: maximized = maximized == nil ? focus : nil
        case .layout(let layout): self.layout = layout
        case .moveSelection(let delta): moveSelection(by: delta)
        case .selectFirst: selectFirst()
        case .selectLast: selectLast()
        case .scroll(let delta): scroll(by: delta)
        case .beginFilterEdit: stream.beginFilterEdit()
        case .applyFilter: stream.applyFilter()
        case .cancelFilterEdit: stream.cancelFilterEdit()
        case .clearFilter: stream.clearFilter()
        case .togglePause: stream.togglePause()
        case .clear: clearFocusedPane()
        case .openDetail: detail = focusedDetail(at: time)
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
            let command = EngineCommand(id: CommandID(nextCommandNumber), kind: kind)
            nextCommandNumber += 1
            formResult = FormResult(submitted: kind)
            formCommand = command.id
            return [command]
        case .historyPrevious: form.historyPrevious()
        case .historyNext: form.historyNext()
        }
        return []
    }

    private static func pane(after pane: Pane, by delta: Int) -> Pane {
        let all = Pane.allCases
        let index = all.firstIndex(of: pane) ?? 0
        return all[((index + delta) % all.count + all.count) % all.count]
    }

    /// Edits the filter while it is being edited, else the form's focused field when the form has focus.
    private mutating func editText(_ body: (inout TextField) -> Void) {
        if stream.isEditingFilter {
            stream.editFilter(body)
        } else if focus == .form {
            form.edit(body)
        }
    }

    private mutating func moveSelection(by delta: Int) {
        switch focus {
        case .stream: stream.moveSelection(by: delta, rows: layout.streamRows)
        case .requests: requestPosition.moveSelection(by: delta, count: requests.rowCount, rows: layout.requestRows)
        case .errors: errorPosition.moveSelection(by: delta, count: errors.count, rows: layout.errorRows)
        case .form: form.moveFocus(by: delta)
        case .connection: break
        }
    }

    private mutating func selectFirst() {
        switch focus {
        case .stream: stream.selectFirst(rows: layout.streamRows)
        case .requests: requestPosition.select(0, count: requests.rowCount, rows: layout.requestRows)
        case .errors: errorPosition.select(0, count: errors.count, rows: layout.errorRows)
        case .form, .connection: break
        }
    }

    private mutating func selectLast() {
        switch focus {
        case .stream: stream.selectLast()
        case .requests: requestPosition.select(requests.rowCount - 1, count: requests.rowCount, rows: layout.requestRows)
        case .errors: errorPosition.select(errors.count - 1, count: errors.count, rows: layout.errorRows)
        case .form, .connection: break
        }
    }

    private mutating func scroll(by delta: Int) {
        if detail != nil {
            detail?.scroll(by: delta, rows: layout.detailRows)
            return
        }
        switch focus {
        case .stream: stream.scroll(by: delta, rows: layout.streamRows)
        case .requests: requestPosition.scroll(by: delta, count: requests.rowCount, rows: layout.requestRows)
        case .errors: errorPosition.scroll(by: delta, count: errors.count, rows: layout.errorRows)
        case .form, .connection: break
        }
    }

    private mutating func clearFocusedPane() {
        switch focus {
        case .stream: stream.clear()
        case .requests:
            requests.clearRecent()
            requestPosition = ListPosition()
        case .errors:
            errors.removeAll()
            errorPosition = ListPosition()
        case .form: form.clear()
        case .connection: return
        }
        detail = nil
    }

    /// The detail of the focused pane's selected row.
    private func focusedDetail(at time: Date) -> Detail? {
        switch focus {
        case .stream:
            guard let entry = stream.focusedEntry(rows: layout.streamRows) else { return nil }
            return Detail(title: "notification \(entry.id) \(entry.method)", text: entry.data.prettyString)
        case .requests:
            guard let selected = requestPosition.selected, selected < requests.rowCount,
                let row = requests.rows(selected..<(selected + 1), at: time).first
            else { return nil }
            return Self.detail(of: row)
        case .errors:
            guard let selected = errorPosition.selected, selected < errors.count else { return nil }
            let group = errors.sorted[selected]
            let title = "\(group.kind.rawValue) \(group.method ?? "")".trimmingCharacters(in: .whitespaces)
            let text = """
                count: \(group.count)
                first seen: \(group.firstSeen.formatted(.iso8601))
                last seen: \(group.lastSeen.formatted(.iso8601))
                latest: \(group.latestDetail)
                """
            return Detail(title: title, text: text)
        case .form, .connection:
            return nil
        }
    }

    private static func detail(of row: RequestRow) -> Detail {
        var text = "data:\n\(row.data.prettyString)"
        if case .finished(let finished) = row.status {
            switch finished.outcome {
            case .response(let data): text += "\nresponse:\n\(data.prettyString)"
            case .error(let data): text += "\nerror:\n\(data.prettyString)"
            case .timeout: text += "\ntimed out"
            case .cancelled: text += "\ncancelled"
            case .connectionLost(let reason): text += "\nconnection lost: \(reason)"
            }
            if finished.lateResponse { text += "\na response arrived after the timeout" }
        }
        return Detail(title: "\(row.direction.rawValue) request \(row.id) \(row.method)", text: text)
    }
}
