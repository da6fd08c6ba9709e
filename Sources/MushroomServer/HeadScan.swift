/// The syntax check of a connection's first request head, without I/O: `RequestHeadGuard` feeds it
/// what arrives, and the HTTP fuzzer feeds it anything. It reads the head byte by byte: the
/// request line must be `METHOD SP TARGET SP HTTP/1.x` within its length limit, and the head must
/// end (an empty line) within its own. On the way it notes the target.
struct HeadScan {
    enum Verdict: Equatable {
        case incomplete
        case complete
        /// The status line to answer with and the sentence of the body.
        case refused(status: String, String)
    }

    /// The bytes read so far; once `complete`, the length of the head.
    private(set) var headBytes = 0
    /// The request target, once the request line has been read and found well formed.
    private(set) var target: String?
    private var requestLine: [UInt8] = []
    private var requestLineDone = false
    /// The last four bytes read, the newest lowest: the head ends at `\r\n\r\n` (or `\n\n`).
    private var tail: UInt32 = 0

    /// Reads `bytes`, the next part of the connection's input, and says whether the head is
    /// complete, refused, or still to come. Call it no more once it is not `incomplete`.
    mutating func consume(
        _ bytes: some Sequence<UInt8>, maximumRequestLineBytes: Int, maximumHeadBytes: Int
    ) -> Verdict {
        for byte in bytes {
            headBytes += 1
            tail = tail << 8 | UInt32(byte)
            if !requestLineDone {
                if byte == UInt8(ascii: "\n") {
                    requestLineDone = true
                    if requestLine.last == UInt8(ascii: "\r") { requestLine.removeLast() }
                    switch Self.target(ofRequestLine: requestLine) {
                    case .success(let requested): target = requested
                    case .failure(let refusal): return refusal.verdict
                    }
                    continue
                }
                guard requestLine.count < maximumRequestLineBytes else {
                    return .refused(status: "414 URI Too Long", "the request line is longer than \(maximumRequestLineBytes) bytes")
                }
                requestLine.append(byte)
                continue
            }
            if tail == 0x0D0A_0D0A || tail & 0xFFFF == 0x0A0A { return .complete }
            guard headBytes <= maximumHeadBytes else {
                return .refused(status: "431 Request Header Fields Too Large", "the request head is longer than \(maximumHeadBytes) bytes")
            }
        }
        return .incomplete
    }

    /// A request line refused, with its answer.
    private struct Refusal: Error {
        let verdict: Verdict
    }

    /// The target of `line`, or the refusal when it is not `METHOD SP TARGET SP HTTP/1.x`.
    private static func target(ofRequestLine line: [UInt8]) -> Result<String, Refusal> {
        let malformed = Refusal(verdict: .refused(status: "400 Bad Request", "the request line is not METHOD TARGET HTTP/1.1"))
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenCharacter), !parts[1].isEmpty,
              parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else { return .failure(malformed) }
        let version = String(decoding: parts[2], as: UTF8.self)
        switch version {
        case "HTTP/1.1", "HTTP/1.0":
            return .success(String(decoding: parts[1], as: UTF8.self))
        case _ where isVersion(parts[2]):
            return .failure(Refusal(verdict: .refused(
                status: "505 HTTP Version Not Supported", "\(version) is not supported: this server speaks HTTP/1.1")))
        default:
            return .failure(malformed)
        }
    }

    /// Whether `text` is `HTTP/` and a digit, a dot and a digit (RFC 9112 `HTTP-version`): the only
    /// version text ever repeated in an answer.
    private static func isVersion(_ text: ArraySlice<UInt8>) -> Bool {
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        let bytes = Array(text)
        return bytes.count == 8 && bytes.starts(with: Array("HTTP/".utf8)) && digits.contains(bytes[5])
            && bytes[6] == UInt8(ascii: ".") && digits.contains(bytes[7])
    }

    /// RFC 9110 `tchar`: what a method name is made of.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
