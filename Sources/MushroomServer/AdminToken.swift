import MushroomRPC

/// The operator's token (`MushroomServerConfiguration.adminToken`): whether a bootstrap's auth
/// carries it as `{"admin": TOKEN}`, compared in time that depends on the token's length only,
/// never on how much of it a guess got right. An empty token admits nobody.
struct AdminToken: Sendable {
    private let bytes: [UInt8]

    init(_ token: String) {
        bytes = Array(token.utf8)
    }

    /// Whether `auth` is an object whose `admin` member is the token.
    func isCarried(by auth: JSONValue) -> Bool {
        guard !bytes.isEmpty, let offered = auth["admin"]?.stringValue else { return false }
        let candidate = Array(offered.utf8)
        var difference: UInt8 = candidate.count == bytes.count ? 0 : 1
        for index in bytes.indices {
            difference |= bytes[index] ^ (index < candidate.count ? candidate[index] : 0)
        }
        return difference == 0
    }
}
