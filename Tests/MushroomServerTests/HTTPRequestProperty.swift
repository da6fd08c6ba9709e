#if canImport(MushroomServer)
@testable import MushroomServer
#endif
import MushroomRPC

/// The property every byte string must satisfy as the start of a connection to the server's HTTP
/// surface, shared by the corpus and mutation tests and by the libFuzzer harness in `Fuzz/HTTP`
/// (which compiles this file with the server's I/O-free request checks):
///
/// - `HeadScan` gives the same verdict however the bytes are split into reads; a refusal is one of
///   400, 414, 431 and 505 with a one-line sentence; a complete head ends with an empty line,
///   starts with `METHOD TARGET HTTP/1.x` and is within the limits; a head still incomplete has
///   no empty line after its request line and is within the limits.
/// - After a complete head, the body is a `BootstrapRequest` or refused with a sentence, and the
///   transport chosen is one the client offered.
/// - A `Host` value accepted as an authority holds only host-name, address and port characters,
///   and a target segment taken for a session id is 22 characters of `[A-Za-z0-9]`.
enum HTTPRequestProperty {
    /// Small limits, so that mutations reach them.
    static let maximumRequestLineBytes = 256
    static let maximumHeadBytes = 1_024

    /// A description of the first violation for `bytes`, or `nil` when the property holds.
    static func violation(for bytes: [UInt8]) -> String? {
        var scan = HeadScan()
        let verdict = scan.consume(bytes, maximumRequestLineBytes: maximumRequestLineBytes, maximumHeadBytes: maximumHeadBytes)
        for split in Set([1, bytes.count / 3, bytes.count / 2, bytes.count - 1]) where split > 0 && split < bytes.count {
            var parts = HeadScan()
            var partVerdict = parts.consume(
                bytes[..<split], maximumRequestLineBytes: maximumRequestLineBytes, maximumHeadBytes: maximumHeadBytes)
            if partVerdict == .incomplete {
                partVerdict = parts.consume(
                    bytes[split...], maximumRequestLineBytes: maximumRequestLineBytes, maximumHeadBytes: maximumHeadBytes)
            }
            guard partVerdict == verdict else { return "split at \(split): \(partVerdict), whole: \(verdict)" }
        }
        switch verdict {
        case .refused(let status, let sentence):
            let statuses = ["400 Bad Request", "414 URI Too Long", "431 Request Header Fields Too Large", "505 HTTP Version Not Supported"]
            guard statuses.contains(status) else { return "refused with \(status)" }
            guard !sentence.isEmpty, !sentence.contains("\n"), !sentence.contains("\r") else { return "refusal sentence \(sentence.debugDescription)" }
            return nil
        case .incomplete:
            guard bytes.count <= maximumHeadBytes + maximumRequestLineBytes else { return "\(bytes.count) bytes still incomplete" }
            guard let lineEnd = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            return endsHead(bytes[lineEnd...]) ? "an empty line after the request line, yet incomplete" : nil
        case .complete:
            let head = bytes[..<scan.headBytes]
            guard head.count <= maximumHeadBytes + maximumRequestLineBytes else { return "a complete head of \(head.count) bytes" }
            guard head.suffix(2) == [0x0A, 0x0A] || head.suffix(4) == [0x0D, 0x0A, 0x0D, 0x0A] else { return "a head that does not end with an empty line" }
            guard scan.target != nil else { return "a complete head without a target" }
            return headProblem(Array(head)) ?? bodyProblem(Array(bytes[scan.headBytes...]))
        }
    }

    /// Whether `bytes` (from the request line's line feed on) hold the empty line ending a head.
    private static func endsHead(_ bytes: ArraySlice<UInt8>) -> Bool {
        var previous: [UInt8] = []
        for byte in bytes {
            previous.append(byte)
            if previous.suffix(2) == [0x0A, 0x0A] || previous.suffix(4) == [0x0D, 0x0A, 0x0D, 0x0A] { return true }
        }
        return false
    }

    private static func headProblem(_ head: [UInt8]) -> String? {
        // Split as bytes: a String takes "\r\n" for one character.
        let lines = head.split(separator: 0x0A, omittingEmptySubsequences: false)
            .map { String(decoding: $0.last == 0x0D ? $0.dropLast() : $0, as: UTF8.self)[...] }
        let requestLine = lines.first ?? ""
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0" else {
            return "a complete head whose request line is \(requestLine.debugDescription)"
        }
        for segment in parts[1].split(separator: "/") where SessionID.isWellFormed(segment) {
            guard segment.count == SessionID.length, segment.allSatisfy({ SessionID.alphabet.contains($0) }) else {
                return "'\(segment)' taken for a session id"
            }
        }
        for line in lines.dropFirst() where line.lowercased().hasPrefix("host:") {
            let value = trimmed(line.dropFirst(5))
            let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:[]")
            if HostHeader.isAuthority(value), !value.allSatisfy({ allowed.contains($0) }) {
                return "Host \(value.debugDescription) accepted as an authority"
            }
        }
        return nil
    }

    private static func bodyProblem(_ body: [UInt8]) -> String? {
        do {
            let bootstrap = try BootstrapRequest(body: body)
            if let chosen = bootstrap.chosenTransport, !bootstrap.transports.contains(chosen.rawValue) {
                return "chose \(chosen.rawValue), which was not offered in \(bootstrap.transports)"
            }
        } catch {
            if error.description.isEmpty { return "a bootstrap refused without a sentence" }
        }
        return nil
    }
}

/// `text` without the spaces and tabs around it (no Foundation in the fuzz build).
private func trimmed(_ text: Substring) -> String {
    let blank: Set<Character> = [" ", "\t"]
    return String(text.drop { blank.contains($0) }.reversed().drop { blank.contains($0) }.reversed())
}
