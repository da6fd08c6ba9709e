import Foundation
import MushroomRPC

/// The form that sends a request or notification: fields, live validation, and shell-like history.
struct RequestForm: Sendable {
    private(set) var kind = FormKind.request
    private(set) var focusedField = FormField.method
    private var fields: [FormField: TextField]
    private var history: RingBuffer<SentForm>
    /// The history entry shown, as a sequence in `history`; `nil` for the draft.
    private var historySequence: Int?
    /// The fields being edited before history navigation began.
    private var draft: SentForm?
    private let defaultTimeout: String

    init(configuration: DashboardConfiguration) {
        defaultTimeout = configuration.defaultTimeoutSeconds
        fields = [.method: TextField(), .data: TextField(), .timeout: TextField(configuration.defaultTimeoutSeconds)]
        history = RingBuffer(capacity: configuration.formHistoryCapacity)
    }

    func field(_ field: FormField) -> TextField { fields[field] ?? TextField() }

    mutating func edit(_ body: (inout TextField) -> Void) {
        body(&fields[focusedField, default: TextField()])
    }

    mutating func toggleKind() {
        kind = kind == .request ? .notification : .request
    }

    mutating func focus(_ field: FormField) {
        focusedField = field
    }

    mutating func moveFocus(by delta: Int) {
        let all = FormField.allCases
        let index = all.firstIndex(of: focusedField) ?? 0
        focusedField = all[((index + delta) % all.count + all.count) % all.count]
    }

    /// Fills the form with a message to send again (the timeout stays), focused on its data.
    mutating func fill(kind: FormKind, method: String, data: String) {
        self.kind = kind
        fields[.method] = TextField(method)
        fields[.data] = TextField(data)
        focusedField = .data
        historySequence = nil
        draft = nil
    }

    mutating func clear() {
        fields = [.method: TextField(), .data: TextField(), .timeout: TextField(defaultTimeout)]
        historySequence = nil
        draft = nil
    }

    // MARK: Validation and submission

    /// The problems with the fields; empty when the form can be sent.
    var errors: [FormError] {
        var errors: [FormError] = []
        let method = field(.method).text
        if method.isEmpty {
            errors.append(FormError(field: .method, message: "a method is required", line: 1, column: 1, offset: 0))
        } else if let space = method.firstIndex(where: \.isWhitespace) {
            let column = method.distance(from: method.startIndex, to: space)
            errors.append(FormError(
                field: .method, message: "a method has no spaces", line: 1, column: column + 1,
                offset: method[..<space].utf8.count))
        }
        if case .failure(let error) = parsedData {
            let (line, column) = Self.lineAndColumn(of: error.offset, in: field(.data).text)
            errors.append(FormError(field: .data, message: error.reason, line: line, column: column, offset: error.offset))
        }
        if kind == .request, case .failure(let error) = parsedTimeout {
            errors.append(FormError(field: .timeout, message: error.message, line: 1, column: 1, offset: 0))
        }
        return errors
    }

    /// The data as JSON; an empty field is `null`.
    private var parsedData: Result<JSONValue, JSONSyntaxError> {
        let text = field(.data).text
        if text.allSatisfy(\.isWhitespace) { return .success(.null) }
        return Result { () throws(JSONSyntaxError) in try JSONValue(parsing: text) }
    }

    /// The timeout; an empty field waits forever.
    private var parsedTimeout: Result<Duration?, TimeoutError> {
        let text = field(.timeout).text.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return .success(nil) }
        guard let seconds = Double(text) else { return .failure(TimeoutError("\(text) is not a number of seconds")) }
        do {
            return .success(try Duration(checkedSeconds: seconds, allowsZero: false))
        } catch {
            return .failure(TimeoutError(error.description))
        }
    }

    struct TimeoutError: Error, Sendable {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// The command this form sends, recording it in history; `nil` when the form is not valid.
    mutating func submit() -> EngineCommand.Kind? {
        guard errors.isEmpty, case .success(let data) = parsedData else { return nil }
        let method = field(.method).text
        let command: EngineCommand.Kind
        switch (kind, parsedTimeout) {
        case (.request, .success(let timeout)): command = .sendRequest(method: method, data: data, timeout: timeout)
        case (.request, .failure): return nil
        case (.notification, _): command = .sendNotification(method: method, data: data)
        }
        let sent = current
        if history.count == 0 || history[sequence: history.endSequence - 1] != sent { history.append(sent) }
        historySequence = nil
        draft = nil
        return command
    }

    // MARK: History

    var historyCount: Int { history.count }

    /// The methods of the sent forms remembered, for completion.
    var historyMethods: Set<String> {
        Set((history.startSequence..<history.endSequence).map { history[sequence: $0].method })
    }

    /// 1 for the newest entry; `nil` for the draft.
    var historyPosition: Int? { historySequence.map { history.endSequence - $0 } }

    mutating func historyPrevious() {
        guard history.count > 0 else { return }
        if let historySequence {
            guard historySequence > history.startSequence else { return }
            load(history[sequence: historySequence - 1], sequence: historySequence - 1)
        } else {
            draft = current
            load(history[sequence: history.endSequence - 1], sequence: history.endSequence - 1)
        }
    }

    mutating func historyNext() {
        guard let historySequence else { return }
        if historySequence + 1 < history.endSequence {
            load(history[sequence: historySequence + 1], sequence: historySequence + 1)
        } else if let draft {
            load(draft, sequence: nil)
            self.draft = nil
        }
    }

    private var current: SentForm {
        SentForm(kind: kind, method: field(.method).text, data: field(.data).text, timeout: field(.timeout).text)
    }

    private mutating func load(_ form: SentForm, sequence: Int?) {
        kind = form.kind
        fields = [.method: TextField(form.method), .data: TextField(form.data), .timeout: TextField(form.timeout)]
        historySequence = sequence
    }

    // MARK: Completion

    /// Known methods starting with the method field's text, sorted.
    func completions(from methods: Set<String>) -> [String] {
        let prefix = field(.method).text
        return methods.filter { $0.hasPrefix(prefix) && $0 != DashboardConfiguration.otherMethod }.sorted()
    }

    /// Completes the method field: the only candidate, or the candidates' longest common prefix.
    mutating func completeMethod(from methods: Set<String>) {
        let candidates = completions(from: methods)
        guard var common = candidates.first else { return }
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(common) { common.removeLast() }
        }
        if common.count > field(.method).text.count { fields[.method] = TextField(common) }
    }

    // MARK: Positions

    /// 1-based line and column (in characters) of UTF-8 byte `offset` in `text`.
    static func lineAndColumn(of offset: Int, in text: String) -> (line: Int, column: Int) {
        let bytes = Array(text.utf8.prefix(max(0, offset)))
        let lineStart = (bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0
        let line = 1 + bytes.count(where: { $0 == UInt8(ascii: "\n") })
        let column = 1 + String(decoding: bytes[lineStart...], as: UTF8.self).count
        return (line, column)
    }

    func snapshot(methods: Set<String>, maximumCompletions: Int, result: FormResult?) -> FormSnapshot {
        FormSnapshot(
            kind: kind, focusedField: focusedField, method: field(.method).snapshot, data: field(.data).snapshot,
            timeout: field(.timeout).snapshot, completions: Array(completions(from: methods).prefix(maximumCompletions)),
            errors: errors, historyPosition: historyPosition, historyCount: historyCount, result: result)
    }
}
