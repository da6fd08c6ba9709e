/// A form as it was sent, for history navigation.
struct SentForm: Sendable, Hashable {
    let kind: FormKind
    let method: String
    let data: String
    let timeout: String
}
