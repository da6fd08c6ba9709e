/// A theme resolved for one colour profile: the style of each role.
public struct Palette: Sendable, Hashable {
    /// The profile it was resolved for.
    public let profile: ColorProfile
    private let styles: [Role: TextStyle]

    /// `theme`'s styles under `profile`.
    public init(theme: Theme, profile: ColorProfile) {
        self.profile = profile
        styles = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, theme.style(of: $0).resolved(for: profile)) })
    }

    /// The style of `role`.
    public subscript(role: Role) -> TextStyle {
        styles[role] ?? .plain
    }
}
