/// Session identifiers: 22 characters from `[A-Za-z0-9]` (about 131 bits), like the reference,
/// drawn from `SystemRandomNumberGenerator` (the operating system's secure generator).
public enum SessionID {
    /// The alphabet of session ids.
    public static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    /// The length of session ids.
    public static let length = 22

    /// A new random session id.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// Whether `text` has the shape of a session id (checked before any lookup).
    public static func isWellFormed(_ text: some StringProtocol) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
    }
}
