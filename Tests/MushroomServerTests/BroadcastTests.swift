import MushroomRPC
import MushroomServer
import Synchronization
import Testing

/// Broadcasts wake their sockets together once the notification is queued for every session
/// (`BroadcastWakes`); what a broadcast sets off that sends later (here a task it started, which
/// inherits the broadcast's batch) still goes out. Broadcasts made at once reach every session,
/// all of them, in one order (`BroadcastQueue`).
@Suite(.timeLimit(.minutes(1)))
struct BroadcastTests {
    /// Tells the session it was given, when any other session ends, which one ended: once told
    /// to go ahead (`proceed`), so that the broadcast has long finished.
    final class Announcer: SessionHandler {
        let listener = Mutex<Session?>(nil)
        let (go, proceed) = AsyncStream<Void>.makeStream()

        func disconnect(_ session: Session) async {
            for await _ in go { break }
            _ = try? listener.withLock { $0 }?.notify("ended", .string(session.id))
        }
    }

    @Test func aSendFromATaskABroadcastStartedIsWritten() async throws {
        let announcer = Announcer()
        try await withServer(sessionHandler: announcer, { $0.maximumUnacknowledged = 2 }) { server in
            let (slow, _) = try await openWebSocket(server)
            let (listener, listenerSession) = try await openWebSocket(server)
            announcer.listener.withLock { $0 = listenerSession }
            var inbox = Inbox(listener)
            for n in 0..<2 {
                #expect(try server.sessions.notify("tick", .integer(Int64(n))) == 2)
                #expect(await inbox.next() == .notification(.init(id: n, method: "tick", data: .integer(Int64(n)))))
                listener.send(.heartbeat(.init(lastMessageID: n)))
                #expect(await eventually { listenerSession.engine.unacknowledgedCount == 0 })
            }
            // The third broadcast finds the slow session's buffer full: it is ended, and the
            // announcement is sent from the task that tells the session handler.
            #expect(try server.sessions.notify("tick", 2) == 1)
            #expect(await inbox.next() == .notification(.init(id: 2, method: "tick", data: 2)))
            // The listener's socket has written everything: the announcement must wake it.
            announcer.proceed.yield()
            let ended = await inbox.next()
            #expect(ended?.method == "ended")
            #expect(ended?.data?.stringValue.map { server.sessions.session(id: $0) == nil } == true)
            withExtendedLifetime(slow) {}
        }
    }

    private func openWebSockets(_ count: Int, _ server: RunningMushroomServer) async throws -> [TestWebSocket] {
        var sockets: [TestWebSocket] = []
        for _ in 0..<count { sockets.append(try await openWebSocket(server).0) }
        return sockets
    }

    @Test func broadcastsMadeAtOnceReachEverySessionInOneOrder() async throws {
        try await withServer { server in
            let sockets = try await openWebSockets(5, server)
            var inboxes = sockets.map(Inbox.init)
            let sessions = server.sessions
            await withTaskGroup(of: Void.self) { group in
                for n in 0..<150 {
                    group.addTask {
                        // Broadcasts and publications (every session accepts every topic) mixed.
                        if n % 3 == 0 {
                            _ = try? sessions.publish("topic", .integer(Int64(n)))
                        } else {
                            _ = try? sessions.notify("tick", .integer(Int64(n)))
                        }
                    }
                }
            }
            var orders: [[Int64]] = []
            for index in inboxes.indices {
                var order: [Int64] = []
                for id in 0..<150 {
                    let message = await inboxes[index].next()
                    #expect(message?.id == id)
                    order.append(message?.data?.integerValue ?? -1)
                }
                orders.append(order)
            }
            #expect(orders[0].sorted() == Array(0..<150))
            #expect(orders.allSatisfy { $0 == orders[0] })
            withExtendedLifetime(sockets) {}
        }
    }

    @Test func aBroadcastRefusedForTheBacklogReachesNobodyAndItsCallerLearnsIt() async throws {
        try await withServer({ $0.maximumWaitingBroadcasts = 0 }) { server in
            let sockets = try await openWebSockets(3, server)
            var inboxes = sockets.map(Inbox.init)
            let sessions = server.sessions
            let outcomes = await withTaskGroup(of: PublicationRefused?.self) { group in
                for n in 0..<100 {
                    group.addTask {
                        do throws(PublicationRefused) {
                            _ = try sessions.notify("tick", .integer(Int64(n)))
                            return nil
                        } catch {
                            return error
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let refusals = outcomes.compactMap { $0 }
            #expect(refusals.allSatisfy { $0 == .deliveryBacklogFull(waiting: 0) })
            let accepted = outcomes.count - refusals.count
            for index in inboxes.indices {
                for id in 0..<accepted {
                    #expect(await inboxes[index].next()?.id == id)
                }
            }
            // Nothing more arrives: a marker comes next, once the last pass has ended.
            #expect(await eventually { (try? sessions.notify("marker")) != nil })
            for index in inboxes.indices {
                #expect(await inboxes[index].next()?.method == "marker")
            }
            withExtendedLifetime(sockets) {}
        }
    }
}
