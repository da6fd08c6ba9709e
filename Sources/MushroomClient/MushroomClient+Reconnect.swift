import Foundation
import MushroomRPC

/// The connection loop: connect, run until the connection ends, wait a backoff, reconnect to the
/// same session; bootstrap a new session when the server no longer knows the old one.
extension MushroomClient {
    /// Starts the loop and returns once the first connection is open, or throws why it could not open.
    func start() async throws {
        let (firstOutcome, signal) = AsyncStream<Result<Void, ConnectionFailed>>.makeStream()
        let task = Task { await supervise(firstOutcome: signal) }
        state.withLock { $0.supervisor = task }
        for await outcome in firstOutcome {
            if case .failure(let error) = outcome {
                await task.value
                engine.close(reason: error.description)
                throw error
            }
            return
        }
        throw ConnectionFailed(url: sessionURL, reason: "the client was cancelled")
    }

    private func supervise(firstOutcome: AsyncStream<Result<Void, ConnectionFailed>>.Continuation) async {
        defer { firstOutcome.finish() }
        var failures = 0
        while !Task.isCancelled, !isClosing {
            let session = session
            let url = session.url
            let openedBefore = connectionsOpened.load(ordering: .relaxed)
            engine.report(.connecting(url: url, attempt: failures + 1))
            let link = ConnectionLink(engine: engine) { [self] in
                connectionsOpened.add(1, ordering: .relaxed)
                configuration.logger.info("connected to \(url)")
                // The session id is the last path component of the session URL.
                engine.report(.connected(
                    transport: transport.rawValue, url: url, sessionID: session.lastPathComponent))
                firstOutcome.yield(.success(()))
            }
            let reason: String
            var sessionGone = false
            var silent = false
            do {
                switch try await connection.run(session: session, link: link) {
                case .clientDisconnected:
                    engine.report(.disconnected(reason: "the client disconnected"))
                    return
                case .peerDisconnected:
                    reason = "the server ended the session"
                    sessionGone = true
                case .closed(let why):
                    reason = why
                case .closedBeforeAnyMessage:
                    reason = "the server closed the connection before sending anything"
                    silent = true
                }
            } catch let error as SessionNotFound {
                reason = error.description
                sessionGone = true
            } catch {
                reason = Task.isCancelled ? "the client is closing" : NetworkFailure(error).reason
            }
            // A connection closed before any message does not count as a success for the backoff.
            let opened = !silent && connectionsOpened.load(ordering: .relaxed) > openedBefore
            engine.report(.disconnected(reason: reason))
            configuration.logger.info("disconnected from \(url): \(reason)")
            if !opened, connectionsOpened.load(ordering: .relaxed) == 0 {
                firstOutcome.yield(.failure(ConnectionFailed(url: url, reason: reason)))
                return
            }
            if Task.isCancelled || isClosing { return }
            failures = opened ? 0 : failures + 1
            if sessionGone { await renewSession(reason: reason) }
            let delay = configuration.backoff.delay(beforeAttempt: failures + 1)
            engine.report(.reconnectScheduled(attempt: failures + 1, delay: delay))
            try? await Task.sleep(for: delay)
        }
    }

    /// Takes in where a new session joined the stream of positions: its position when it asked
    /// from none or could not recover (the gap is reported), the one it asked from otherwise.
    func joined(_ subscription: PositionedSubscriptionAnswer, since: StreamPosition?) {
        if since == nil || !subscription.recovered, let position = subscription.position { positions.restart(at: position) }
        guard let since, !subscription.recovered else { return }
        let reason = subscription.reason ?? "the server did not say why"
        engine.report(.notRecovered(since: since, reason: reason))
        configuration.onNotRecovered?(since, reason)
    }

    /// Bootstraps a new session after the old one was lost: pending requests of the old session
    /// fail with `ConnectionLost`, ids start over, and the next connection opens the new URL.
    /// With positions, the new session recovers what came after the last one received, or says
    /// it could not (`TransportEvent.notRecovered`). When the bootstrap fails, the old URL stays
    /// and the next attempt finds out again.
    private func renewSession(reason: String) async {
        do {
            let since = positions.position
            let answer = try await bootstrapper.run(transports: [transport], subscribe: configuration.positionedTopics.map { ($0, since) })
            engine.resetSession(reason: reason)
            state.withLock { $0.session = answer.session }
            if let subscription = answer.subscription { joined(subscription, since: since) }
            configuration.logger.info("new session \(answer.url) after: \(reason)")
        } catch {
            engine.report(.disconnected(reason: error.description))
            configuration.logger.warning("could not open a new session: \(error)")
        }
    }
}
