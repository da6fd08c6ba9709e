import Foundation
import Hummingbird
import MushroomRPC

/// One long-poll request on a session: delivers the messages of the body, and when the body holds
/// a Heartbeat, holds the request until there is something to send or the poll timeout passes,
/// then answers with the engine's `pollAnswer()` (PROTOCOL.md, long poll).
struct LongPollExchange {
    let session: Session
    let sessions: SessionList
    let configuration: MushroomServerConfiguration

    func respond(to request: Request) async -> Response {
        let body: [UInt8]
        do {
            body = try await RequestBodyReader(limit: configuration.maximumMessageSize).read(request, what: "poll body")
        } catch {
            return error.response
        }
        let batch: [Result<Message, MessageParseError>]
        do {
            batch = try Message.decodeBatch(frame: body)
        } catch {
            session.engine.reportProtocolError(error)
            return HTTPAnswer.error(.badRequest, "poll body refused: \(error); it must be a JSON array of messages")
        }
        session.touch(now: Date())
        sessions.opened(session)
        var isPoll = false
        for result in batch {
            switch result {
            case .failure(let error):
                session.engine.reportProtocolError(error)
            case .success(let message):
                if case .heartbeat = message { isPoll = true }
                if session.engine.receive(message) == .disconnect { sessions.end(session, .clientLeft) }
            }
        }
        guard isPoll else { return HTTPAnswer.json(.null) }
        await hold()
        return HTTPAnswer.json(bytes: Message.encodeBatch(session.engine.pollAnswer()))
    }

    /// Waits until a message is sent, the session ends, a newer poll arrives or the timeout passes.
    private func hold() async {
        let (signal, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        guard let connection = session.beginPoll(continuation, now: Date()) else { return }
        let timeout = configuration.pollTimeout
        let timer = Task {
            try? await Task.sleep(for: timeout)
            continuation.finish()
        }
        for await _ in signal { break }
        timer.cancel()
        session.endPoll(connection, now: Date())
    }
}
