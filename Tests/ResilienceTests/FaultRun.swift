import MushroomClient
import MushroomRPC
import MushroomServer
import MushroomTestSupport

/// One run of the numbered stream through a faulty proxy: an in-process server publishes `seq`
/// notifications 1...N to the client's session while the proxy cuts, delays, stalls and splits the
/// connections; meanwhile the client sends `echo` requests. The run ends once the client has
/// handled N notifications and the server holds nothing unacknowledged.
struct FaultRun {
    /// What the run saw, for the test's assertions.
    struct Result: Sendable {
        var report: FaultRunReport
        /// The `n` of every notification the client application handled, in order.
        var received: [Int64]
        /// Wrong echo answers and unexpected request errors.
        var wrongRequests: [String]
        var protocolErrors: [String]
        var recentDisconnections: [String]
    }

    let settings: FaultRunSettings
    let seed: UInt64
    let transport: TransportKind
    /// The most notifications the server keeps unacknowledged before it waits: the client's
    /// acknowledgements pace the publisher, as a well-behaved application would be paced.
    var window = 100
    var requestSenders = 3
    var requestTimeout: Duration = .seconds(5)

    func run() async throws -> Result {
        let started = ContinuousClock.now
        let deadline = Deadline(in: settings.deadline)
        let server = try await ResilienceServer.start()
        let proxy: TCPProxy
        do {
            proxy = try await TCPProxy.start(targetPort: server.port)
        } catch {
            await server.shutdown()
            throw error
        }
        let result: Result
        do {
            result = try await exercise(server, through: proxy, deadline: deadline)
        } catch {
            await proxy.stop()
            await server.shutdown()
            throw error
        }
        await proxy.stop()
        await server.shutdown()
        var finished = result
        finished.report.seconds = (ContinuousClock.now - started) / .seconds(1)
        return finished
    }

    private func exercise(_ server: RunningMushroomServer, through proxy: TCPProxy, deadline: Deadline) async throws -> Result {
        let recorder = SequenceRecorder()
        let client = try await MushroomClient.connect(
            url: "http://127.0.0.1:\(proxy.port)/", transports: [transport], handler: recorder, configuration: .quickReconnection)
        let clientEvents = EventTally(client.events())
        let outcome: Result
        do {
            outcome = try await stream(from: server, to: client, recorder: recorder, through: proxy, tally: clientEvents, deadline: deadline)
        } catch {
            proxy.faults = nil
            await client.close()
            throw error
        }
        proxy.faults = nil
        await client.close()
        await clientEvents.finish()
        return outcome
    }

    private func stream(
        from server: RunningMushroomServer, to client: MushroomClient, recorder: SequenceRecorder, through proxy: TCPProxy,
        tally clientEvents: EventTally, deadline: Deadline
    ) async throws -> Result {
        let n = settings.messages
        try await deadline.wait(for: "the client's session on the server") { server.sessions.count == 1 }
        guard let session = server.sessions.all.first else { throw DeadlinePassed(awaited: "the client's session", progress: "") }
        let serverEvents = EventTally(session.engine.events())
        let plan = settings.plan(seed: seed)
        proxy.faults = plan
        // From now on every connection is a faulty one.
        proxy.dropAllConnections()

        let published = Counter()
        let requests = RequestOutcomes()
        let progress: @Sendable () -> String = {
            "delivered \(recorder.count) of \(n), published \(published.value), cuts \(proxy.cuts),"
                + " session \(session.end.map { "ended: \($0)" } ?? "live"), recent disconnections: \(clientEvents.current.recentDisconnections)"
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await publish(n, to: session, window: window, count: published, deadline: deadline, progress: progress)
            }
            for sender in 0..<requestSenders {
                group.addTask {
                    await requests.send(
                        settings.requests / requestSenders, through: client, label: sender, timeout: requestTimeout,
                        stop: { recorder.count >= n || deadline.hasPassed })
                }
            }
            try await deadline.wait(for: "every notification", progress: progress) { recorder.count >= n }
            try await group.waitForAll()
        }
        // Nothing left to retransmit: a late duplicate would have shown by now.
        try await deadline.wait(for: "the last acknowledgement", progress: progress) { session.engine.unacknowledgedCount == 0 }
        await serverEvents.finish()

        let clientCounts = clientEvents.current
        let requestCounts = requests.current
        let report = FaultRunReport(
            transport: transport.rawValue, plan: plan.description, published: published.value,
            delivered: recorder.count, clientDuplicatesDropped: clientCounts.duplicatesDropped,
            serverDuplicatesDropped: serverEvents.current.duplicatesDropped, reconnects: max(0, clientCounts.connected - 1),
            sessionsLost: clientCounts.sessionsLost, connectionsAccepted: proxy.acceptedConnections, cuts: proxy.cuts,
            requestsCompleted: requestCounts.completed, requestsTimedOut: requestCounts.timedOut, requestsLost: requestCounts.lost)
        return Result(
            report: report, received: recorder.received, wrongRequests: requestCounts.wrong,
            protocolErrors: clientCounts.protocolErrors + serverEvents.current.protocolErrors,
            recentDisconnections: clientCounts.recentDisconnections)
    }

    /// Publishes `seq` 1...n to `session`, never more than `window` unacknowledged.
    private func publish(
        _ n: Int, to session: Session, window: Int, count: Counter, deadline: Deadline, progress: @Sendable () -> String
    ) async throws {
        for i in 1...n {
            if session.engine.unacknowledgedCount >= window {
                try await deadline.wait(for: "acknowledgements", progress: progress) { session.engine.unacknowledgedCount < window }
            }
            try session.notify("seq", ["n": .integer(Int64(i))])
            count.increment()
            if i % 32 == 0 { await Task.yield() }
        }
    }
}
