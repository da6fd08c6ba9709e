import DashboardModel

/// The form that sends a request or notification: kind, method, data and timeout fields with live
/// validation, and method completions.
public enum FormPane: PaneView {
    public static let pane = Pane.form
    public static let placement = Placement(column: .right, order: 1) { $0 >= 30 ? 8 : 7 }
    public static let shortcuts: [Key: OperatorAction] = [.character("f"): .focus(.form)]

    public static func helpLines(glyphs: Glyphs) -> [(keys: String, action: String)] {
        [("f", "fill in the form (enter sends, ctrl-t kind)")]
    }

    public static func footerHints(glyphs: Glyphs) -> [(key: String, action: String)]? {
        [("enter", "send"), (glyphs.upDown, "field"), ("tab", "complete/next"), ("ctrl-t", "kind"), ("esc", "leave"), ("ctrl-c", "quit")]
    }

    /// The form's keys: typing goes to the focused field, enter sends, esc leaves.
    public static func keys(_ key: Key, in context: KeyBindings.Context) -> [KeyCommand]? {
        switch key {
        case .tab: return [.action(context.formField == .method ? .completeMethod : .nextFormField)]
        case .backTab: return [.action(.previousFormField)]
        case .up: return [.action(.previousFormField)]
        case .down: return [.action(.nextFormField)]
        case .control("t"): return [.action(.toggleFormKind)]
        case .control("p"): return [.action(.historyPrevious)]
        case .control("n"): return [.action(.historyNext)]
        case .control("u"): return [.action(.clear)]
        case .escape: return [.action(.focus(.stream))]
        default: return KeyBindings.editing(key, apply: .submit, cancel: .focus(.stream))
        }
    }

    /// Draws the form; returns the cursor position when the form has focus.
    @discardableResult
    public static func draw(_ context: PaneContext, in rect: Rect) -> Position? {
        let form = context.snapshot.form
        let focused = context.isFocused(.form)
        let history = form.historyPosition.map { "history \($0)/\(form.historyCount)" }
        let target = context.snapshot.servers.map { "send to \($0.name(of: $0.formTarget))" } ?? "send"
        let inner = Box(title: target, status: history, focused: focused).draw(on: context.canvas, in: rect)
        let canvas = context.canvas
        guard inner.height > 0 else { return nil }
        var offset = canvas.text(form.kind == .request ? "[request]" : " request ", in: inner, row: 0, role: form.kind == .request ? .key : .label)
        offset += canvas.text(form.kind == .notification ? " [notification]" : "  notification ", in: inner, row: 0, offset: offset, role: form.kind == .notification ? .key : .label)
        canvas.truncated("  ctrl-t switches", in: inner, row: 0, offset: offset, width: inner.width, role: .label)

        let labelWidth = 8
        var cursor: Position?
        var fields: [(FormField, TextFieldSnapshot)] = [(.method, form.method), (.data, form.data)]
        if form.kind == .request { fields.append((.timeout, form.timeout)) }
        for (index, (field, value)) in fields.enumerated() {
            let row = index + 1
            let isCurrent = field == form.focusedField
            canvas.text(field.rawValue, in: inner, row: row, role: focused && isCurrent ? .key : .label)
            let hasError = form.errors.contains { $0.field == field }
            let position = TextInput(text: value.text, cursor: value.cursor)
                .draw(on: canvas, in: inner, row: row, offset: labelWidth, width: inner.width - labelWidth, role: hasError ? .formError : .formField)
            if focused && isCurrent { cursor = position }
        }
        if form.kind == .notification {
            canvas.truncated("timeout  none for notifications", in: inner, row: 3, width: inner.width, role: .label)
        }
        let messageRow = 4
        if focused, let error = form.errors.first {
            canvas.truncated("\(error.field.rawValue): \(error.message) (\(error.line):\(error.column))", in: inner, row: messageRow, width: inner.width, role: .formError)
        } else if let result = form.result {
            let (text, isError) = Self.describe(result)
            canvas.truncated(text, in: inner, row: messageRow, width: inner.width, role: isError ? .formError : .label)
        } else if focused {
            canvas.truncated(["enter sends", "tab completes method", "ctrl-p/n history"].joined(separator: canvas.glyphs.separator), in: inner, row: messageRow, width: inner.width, role: .label)
        } else {
            canvas.truncated("press f to fill in the form", in: inner, row: messageRow, width: inner.width, role: .label)
        }
        if !form.completions.isEmpty, form.focusedField == .method, focused {
            canvas.truncated(form.completions.joined(separator: "  "), in: inner, row: messageRow + 1, width: inner.width, role: .method)
        }
        return cursor
    }

    /// The result line: "add: ok 63ms 42", "slow: sending", "nope: error "rpc_nope"".
    static func describe(_ result: FormResult) -> (text: String, isError: Bool) {
        switch result {
        case .sending(let method): return ("\(method): sending", false)
        case .notified(let method, let id): return ("\(method): notification \(id) sent", false)
        case .refused(let method, let reason): return ("\(method): not sent: \(reason)", true)
        case .finished(let method, let outcome, let latency):
            let took = Format.duration(latency)
            switch outcome {
            case .response(let data): return ("\(method): ok \(took) \(data.compactString)", false)
            case .error(let data): return ("\(method): error \(took) \(data.compactString)", true)
            case .timeout: return ("\(method): timed out after \(took)", true)
            case .cancelled: return ("\(method): cancelled", true)
            case .connectionLost(let reason): return ("\(method): \(reason)", true)
            }
        }
    }
}
