/// The request/notification form as shown, with live validation.
public struct FormSnapshot: Sendable, Hashable {
    public let kind: FormKind
    public let focusedField: FormField
    public let method: TextFieldSnapshot
    public let data: TextFieldSnapshot
    /// Timeout in seconds (requests only); empty waits forever.
    public let timeout: TextFieldSnapshot
    /// Methods seen that start with the method text, sorted, at most `maximumCompletions`.
    public let completions: [String]
    /// Problems with each field; empty when the form can be sent.
    public let errors: [FormError]
    /// Whether `.submit` would send.
    public var canSubmit: Bool { errors.isEmpty }
    /// The history entry shown, counted back from the newest (1 is the newest); `nil` for the draft.
    public let historyPosition: Int?
    /// Sent forms remembered.
    public let historyCount: Int
}

/// Request or notification.
public enum FormKind: String, Sendable, Hashable {
    case request
    case notification
}

/// The form's fields, in focus order.
public enum FormField: String, Sendable, Hashable, CaseIterable {
    case method
    case data
    case timeout
}

/// A problem with one form field, positioned for display.
public struct FormError: Sendable, Hashable {
    public let field: FormField
    public let message: String
    /// 1-based line and column (in characters) in the field's text.
    public let line: Int
    public let column: Int
    /// The byte offset in the field's UTF-8 text (as reported by the JSON parser for data).
    public let offset: Int
}
