import MushroomRPC

/// The long-poll transport: one poll held open carries the engine's heartbeat and brings back
/// what the server has for us; outbound messages are POSTed separately, everything queued at
/// that moment in one batch. Each poll carries the engine's `takeHeartbeat()`; what counts as
/// delivered is the engine's to say (`confirmWritten`).
struct LongPollTransport: ClientTransport {
    let configuration: ClientConfiguration
    var poster: HTTPPoster { HTTPPoster(trust: configuration.tlsTrust) }

    func run(session: Endpoint, link: ConnectionLink) async throws -> ConnectionEnd {
        // A body without a heartbeat is answered at once: it proves that the session exists.
        try await post([], to: session, timeout: configuration.connectTimeout)
        return try await link.exchange { queue in
            try await send(queue, to: session, link: link)
        } receiving: {
            try await poll(session, link: link)
        }
    }

    /// POSTs queued messages as they come, in batches; the server answers `null` once it handled them.
    private func send(_ queue: OutboundBatches, to session: Endpoint, link: ConnectionLink) async throws -> ConnectionEnd {
        while let batch = await queue.next() {
            try await post(batch, to: session, timeout: configuration.connectTimeout)
            link.engine.confirmWritten(batch)
            if batch.contains(.disconnect) { return .clientDisconnected }
        }
        return .closed(reason: "the connection is closing")
    }

    /// Holds one poll after another; each carries the heartbeat acknowledging what came before.
    private func poll(_ session: Endpoint, link: ConnectionLink) async throws -> ConnectionEnd {
        while true {
            let answer = try await post([link.engine.takeHeartbeat()], to: session, timeout: configuration.pollTimeout)
            let elements: [Message.BatchElement]
            do {
                elements = try Message.decodeBatchElements(frame: answer)
            } catch {
                link.engine.reportProtocolError(error)
                throw PollAnswerMalformed(error: error)
            }
            // The answer's notifications reach the handler together.
            defer { link.engine.endOfRead() }
            for element in elements {
                switch element.message {
                case .success(let message):
                    if link.receive(message, bytes: answer[element.bytes], heldUntilEndOfRead: true) { return .peerDisconnected }
                case .failure(let error):
                    link.engine.reportProtocolError(error)
                }
            }
        }
    }

    /// POSTs messages; a 404 means the session is gone, any status but 200 is a failure.
    @discardableResult
    private func post(_ messages: [Message], to session: Endpoint, timeout: Duration) async throws -> [UInt8] {
        let answer = try await poster.post(session, body: Message.encodeBatch(messages), timeout: timeout)
        switch answer.status {
        case 200: return answer.body
        case 404: throw SessionNotFound(url: session.url)
        default: throw PollStatusError(status: answer.status)
        }
    }
}

/// A poll or POST was answered with an HTTP status other than 200 or 404.
struct PollStatusError: Error, Hashable, CustomStringConvertible {
    let status: Int
    var description: String { "the server answered a poll with HTTP status \(status)" }
}

/// A poll answer that is not a JSON array of messages.
struct PollAnswerMalformed: Error, Hashable, CustomStringConvertible {
    let error: MessageParseError
    var description: String { "malformed poll answer: \(error)" }
}
