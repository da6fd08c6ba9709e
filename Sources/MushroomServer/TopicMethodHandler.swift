import MushroomRPC

/// Answers the built-in topic methods of a session, and passes every other call to the
/// application's handler:
/// - `subscribe` with a pattern or a list of patterns: returns the session's patterns;
/// - `unsubscribe` with a pattern or a list of patterns: returns the session's remaining patterns.
///
/// An invalid pattern (or data that is neither a string nor a list of strings) is answered with
/// an Error whose data says why, and changes nothing.
struct TopicMethodHandler: RPCHandler {
    static let subscribeMethod = "subscribe"
    static let unsubscribeMethod = "unsubscribe"
    /// Every method it answers.
    static let methods = [subscribeMethod, unsubscribeMethod]

    let subscriptions: TopicSubscriptions
    let application: any RPCHandler

    func handle(_ call: RPCCall) async throws -> JSONValue {
        switch call.method {
        case Self.subscribeMethod:
            do {
                return Self.reply(try subscriptions.subscribe(try Self.patterns(in: call)))
            } catch let error as TopicSubscriptions.LimitExceeded {
                throw RPCFailure(error.description)
            }
        case Self.unsubscribeMethod:
            return Self.reply(subscriptions.unsubscribe(try Self.patterns(in: call)))
        default:
            return try await application.handle(call)
        }
    }

    private static func patterns(in call: RPCCall) throws -> [TopicPattern] {
        let texts: [String]
        switch call.data {
        case .string(let text):
            texts = [text]
        case .array(let items):
            texts = try items.map { item in
                guard let text = item.stringValue else {
                    throw RPCFailure("\(call.method) takes a topic pattern or a list of them, got a list holding \(item.kindWithArticle)")
                }
                return text
            }
        default:
            throw RPCFailure("\(call.method) takes a topic pattern or a list of them, got \(call.data.kindWithArticle)")
        }
        do {
            return try texts.map { text throws(TopicPattern.InvalidPattern) in try TopicPattern(text) }
        } catch {
            throw RPCFailure(error.description)
        }
    }

    private static func reply(_ patterns: [TopicPattern]) -> JSONValue {
        .array(patterns.map { .string($0.description) })
    }
}
