import Foundation
import MushroomTestSupport
import Testing

/// The soak: the real `mushroom serve --demo` as a child process, a few dozen clients coming and
/// going over WebSocket and long poll, and slow consumers, for `MUSHROOM_SOAK_SECONDS` (60 by
/// default). Normal clients must be answered throughout, every slow consumer must be cut at the
/// bound and no other session, and the server's resident memory must not grow beyond a generous
/// bound between the end of the warm-up and the end of the run. Figures are printed; nothing is
/// timed.
@Suite struct SoakTests {
    @Test(.timeLimit(.minutes(SoakSettings.timeLimitMinutes)))
    func serverStaysFlatUnderChurnAndCutsSlowConsumersAtTheBound() async throws {
        let settings = try SoakSettings.fromEnvironment()
        let arguments = settings.serverArguments + ["--max-unacknowledged", String(settings.maximumUnacknowledged)]
        let server = try await ServeProcess.start(arguments: arguments)
        let tally = SoakTally()
        let memory = MemorySampler(processIdentifier: server.processIdentifier)
        let clock = ContinuousClock()
        let started = clock.now
        let deadline = started + settings.duration
        let clients = SoakClients(serverURL: server.url, tally: tally)
        let slow = SlowConsumers(serverURL: server.url, bound: settings.maximumUnacknowledged, tally: tally)

        // The broadcaster outlives the other clients, so that the last slow consumers are cut soon.
        let stopBroadcasting = StopFlag()
        async let broadcaster: Void = clients.broadcast(every: settings.broadcastInterval, until: stopBroadcasting)
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<settings.steadyClients {
                group.addTask { await clients.steady(index, until: deadline) }
            }
            for index in 0..<settings.churningClients {
                group.addTask { await clients.churn(index, until: deadline) }
            }
            for _ in 0..<settings.webSocketSlowConsumers {
                group.addTask { await slow.webSocket(until: deadline) }
            }
            for _ in 0..<settings.pollSlowConsumers {
                group.addTask { await slow.poll(until: deadline) }
            }
            group.addTask {
                do {
                    try await memory.run(warmedUp: started + settings.warmUp, until: deadline)
                } catch {
                    tally.fail("memory sampling: \(error)")
                }
            }
        }
        stopBroadcasting.raise()
        await broadcaster
        let ran = clock.now - started
        // Every client has left; give the server a moment to let go of the last sessions.
        try await Task.sleep(for: .seconds(2))
        let endKiB = try memory.sample()
        let stopping = clock.now
        let status = await server.stop(grace: .seconds(30))
        let stopped = clock.now - stopping
        let log = server.log

        let figures = tally.snapshot
        let rss = memory.snapshot
        let startKiB = try #require(rss.startKiB, "the soak ended before its warm-up (\(settings.warmUp))")
        let serverCuts = log.split(separator: "\n").filter { $0.contains(" closed: slow consumer: ") }.count
        print(Self.report(settings: settings, ran: ran, figures: figures, rss: rss, endKiB: endKiB, serverCuts: serverCuts, stopped: stopped, arguments: arguments))

        #expect(figures.failures == [])
        #expect(status == 0, "mushroom serve exited with status \(status) after SIGTERM (9: killed, not stopped within 30 s); its log ends: \(log.suffix(3000))")
        #expect(figures.clientsStarted > settings.churningClients + settings.steadyClients)
        #expect(figures.requestsAnswered > figures.clientsStarted)
        #expect(figures.notificationsDelivered > 0)
        #expect(figures.slowConsumersCut >= settings.webSocketSlowConsumers + settings.pollSlowConsumers)
        #expect(figures.slowConsumersCut == figures.slowConsumersStarted)
        // The server cut the slow consumers, each at the bound, and nobody else.
        #expect(serverCuts == figures.slowConsumersCut, "the server cut \(serverCuts) sessions as slow consumers; the soak had \(figures.slowConsumersCut)")
        for id in figures.cutSessionIDs {
            #expect(log.contains("session \(id) closed: slow consumer: \(settings.maximumUnacknowledged) messages waiting for acknowledgement"))
        }
        // Generous: allocator caches and a busier moment at the end are fine; a leak per session is not.
        let allowedKiB = startKiB + max(startKiB / 2, 16 * 1024)
        #expect(endKiB <= allowedKiB, "server RSS grew from \(startKiB) KiB to \(endKiB) KiB (allowed \(allowedKiB) KiB)")
    }

    private static func report(
        settings: SoakSettings, ran: Duration, figures: SoakTally.Figures, rss: MemorySampler.Figures,
        endKiB: Int, serverCuts: Int, stopped: Duration, arguments: [String]
    ) -> String {
        func mebibytes(_ kib: Int?) -> String {
            kib.map { String(format: "%.1f MiB", Double($0) / 1024) } ?? "-"
        }
        let growth = rss.startKiB.map { String(format: "%+.1f MiB", Double(endKiB - $0) / 1024) } ?? "-"
        let samples = rss.sinceStartKiB
        let trend = samples.isEmpty ? "-" : [0, 1, 2, 3, 4].map { quarter in
            mebibytes(samples[(samples.count - 1) * quarter / 4]).replacingOccurrences(of: " MiB", with: "")
        }.joined(separator: " ") + " MiB"
        return """
            soak: \(ran.components.seconds) s of load (\(settings.duration.components.seconds) s asked, warm-up \(settings.warmUp.components.seconds) s), \
            mushroom serve \(arguments.joined(separator: " "))
              clients started       \(figures.clientsStarted) (\(figures.webSocketClients) ws, \(figures.pollClients) poll; \
            \(settings.churningClients) churning, \(settings.steadyClients) steady, 1 broadcaster)
              requests answered     \(figures.requestsAnswered)
              notifications         \(figures.notificationsDelivered) delivered (\(figures.broadcastsPublished) broadcasts published)
              slow consumers        \(figures.slowConsumersStarted) started, \(figures.slowConsumersCut) cut at \(settings.maximumUnacknowledged) \
            unacknowledged (server log: \(serverCuts))
              server RSS            start \(mebibytes(rss.startKiB)), end \(mebibytes(endKiB)) (\(growth)), peak \(mebibytes(rss.peakKiB))
              RSS by quarter        \(trend) (after warm-up, during the load)
              failures              \(figures.failures.count)
              stopped               \(String(format: "%.2f s", stopped / .seconds(1))) after SIGTERM
            """
    }
}
