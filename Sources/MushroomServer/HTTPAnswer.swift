import Hummingbird
import MushroomRPC

/// The responses of the HTTP surface; each carries `Access-Control-Allow-Origin: *` like the
/// reference, and errors carry a one-sentence plain-text body saying what was wrong.
enum HTTPAnswer {
    static func json(_ value: JSONValue) -> Response {
        json(bytes: value.compactBytes)
    }

    static func json(bytes: [UInt8]) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json", .accessControlAllowOrigin: "*"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8", .accessControlAllowOrigin: "*"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
    }

    /// The sentence for a session URL whose session is not live; the id is repeated only when it
    /// has the shape of one.
    static func unknownSession(_ id: some StringProtocol) -> String {
        let shown = SessionID.isWellFormed(id) ? "'\(id)'" : "id"
        return "unknown session \(shown): it never existed or has ended; bootstrap again"
    }

    /// The sentence for a WebSocket upgrade to a long-poll session's URL.
    static func pollSessionUpgraded(_ id: some StringProtocol) -> String {
        "session '\(id)' uses the long-poll transport: poll it with POST, or bootstrap a WebSocket session"
    }

    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: String, what: String) -> Response {
        error(.methodNotAllowed, "\(method.rawValue) is not allowed on \(what); use \(allowed)", headers: [.allow: allowed])
    }
}
