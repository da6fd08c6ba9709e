/// The request/notification form as shown, with live validation.
public struct FormSnapshot: Sendable, Hashable {
    /// Request or notification.
    public let kind: FormKind
    /// The field that receives typed text.
    public let focusedField: FormField
    /// The method field.
    public let method: TextFieldSnapshot
    /// The data field: JSON, empty meaning null.
    public let data: TextFieldSnapshot
    /// Timeout in seconds (requests only); empty waits forever.
    public let timeout: TextFieldSnapshot
    /// Methods seen that start with the method text, sorted, at most `maximumCompletions`.
    public let completions: [String]
    /// Problems with each field; empty when the form can be sent.
    public let errors: [FormError]
    /// The history entry shown, counted back from the newest (1 is the newest); `nil` for the draft.
    public let historyPosition: Int?
    /// Sent forms remembered.
    public let historyCount: Int
    /// What became of the last form sent, if any.
    public let result: FormResult?
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
    /// The field with the problem.
    public let field: FormField
    /// What is wrong, e.g. "unexpected character '}'".
    public let message: String
    /// 1-based line in the field's text.
    public let line: Int
    /// 1-based column, in characters, on that line.
    public let column: Int
    /// The byte offset in the field's UTF-8 text (as reported by the JSON parser for data).
    public let offset: Int
}
