import Foundation
import NIOSSL

extension NIOSSLCertificate {
    /// Why the certificate is not valid at `now` (expired, or not valid yet), as the end of a
    /// sentence that begins with the certificate's name; `nil` when it is valid.
    public func validityProblem(at now: Date = Date()) -> String? {
        let seconds = now.timeIntervalSince1970
        if seconds > TimeInterval(notValidAfter) {
            return "expired on \(Self.timestamp(notValidAfter))"
        }
        if seconds < TimeInterval(notValidBefore) {
            return "is not valid before \(Self.timestamp(notValidBefore))"
        }
        return nil
    }

    private static func timestamp(_ time: time_t) -> String {
        Date(timeIntervalSince1970: TimeInterval(time)).formatted(.iso8601)
    }
}
