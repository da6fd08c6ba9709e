import MushroomRPC

/// The property every byte string must satisfy in both wire parsers, shared by the
/// corpus and mutation tests and by the libFuzzer harness in `Fuzz/` (which compiles this file).
///
/// - `Message(frame:)` either parses or throws a `MessageParseError`; a parsed message
///   re-encodes to a frame that parses back to the same message, and that frame is canonical
///   (encoding it again gives the same bytes).
/// - `Message.decodeBatch(frame:)` rejects the body exactly when it is not JSON or not an array,
///   with the same JSON error as the frame parser; every element that parses round-trips, and
///   the parsed messages re-encode to a body that decodes back to the same messages.
enum ParserProperty {
    /// A description of the first violation for `bytes`, or `nil` when the property holds.
    static func violation(for bytes: [UInt8]) -> String? {
        let frameOutcome = Result { () throws(MessageParseError) in try Message(frame: bytes) }
        if case .success(let message) = frameOutcome, let problem = roundTripProblem(message) {
            return "frame: \(problem)"
        }
        let batchOutcome = Result { () throws(MessageParseError) in try Message.decodeBatch(frame: bytes) }
        switch (frameOutcome, batchOutcome) {
        case (.failure(.notJSON(let frameError)), .failure(.notJSON(let batchError))):
            guard frameError == batchError else {
                return "the two parsers disagree on the JSON error: \(frameError) vs \(batchError)"
            }
            guard (0...bytes.count).contains(frameError.offset) else {
                return "JSON error offset \(frameError.offset) outside the \(bytes.count)-byte input"
            }
            return nil
        case (.failure(.notJSON(let error)), _), (_, .failure(.notJSON(let error))):
            return "only one parser found the input not JSON: \(error)"
        case (.failure(.notAnArray(let frameKind)), .failure(.notAnArray(let batchKind))):
            return frameKind == batchKind ? nil : "the two parsers disagree on the kind: \(frameKind) vs \(batchKind)"
        case (.failure(.notAnArray), _), (_, .failure(.notAnArray)):
            return "only one parser found the input not an array"
        case (_, .failure(let error)):
            return "the poll-body parser threw \(error) for a JSON array"
        case (_, .success(let results)):
            return batchProblem(results)
        }
    }

    /// Why `message` does not survive encode-then-parse, or `nil`.
    static func roundTripProblem(_ message: Message) -> String? {
        let frame = message.frame
        let reparsed: Message
        do {
            reparsed = try Message(frame: frame)
        } catch {
            return "the re-encoded frame \(String(decoding: frame, as: UTF8.self)) does not parse: \(error)"
        }
        guard reparsed == message else {
            return "round trip changed \(message) into \(reparsed)"
        }
        guard reparsed.frame == frame else {
            return "encoding is not canonical: \(message) re-encodes as \(reparsed)"
        }
        return nil
    }

    private static func batchProblem(_ results: [Result<Message, MessageParseError>]) -> String? {
        var messages: [Message] = []
        for result in results {
            guard case .success(let message) = result else { continue }
            if let problem = roundTripProblem(message) { return "poll body element: \(problem)" }
            messages.append(message)
        }
        let body = Message.encodeBatch(messages)
        do {
            let decoded = try Message.decodeBatch(frame: body).map { result throws(MessageParseError) in try result.get() }
            guard decoded == messages else {
                return "poll body round trip changed \(messages) into \(decoded)"
            }
        } catch {
            return "the re-encoded poll body \(String(decoding: body, as: UTF8.self)) does not parse: \(error)"
        }
        return nil
    }
}
