import Foundation
import ServiceLifecycle

/// Runs beside the HTTP server in the same service group: expires idle and unopened sessions and
/// runs the workloads while the server serves; on graceful shutdown (which reaches it before the
/// HTTP server) it stops the workloads, refuses new sessions and ends every session with a
/// Disconnect.
struct SessionLifecycleService: Service {
    let sessions: SessionList
    let workloads: [any ServerWorkload]
    let configuration: MushroomServerConfiguration

    func run() async throws {
        let sessions = self.sessions
        let workloads = self.workloads
        let interval = configuration.pollCleanupInterval
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for workload in workloads {
                    group.addTask { await workload.run(sessions: sessions) }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: interval)
                        sessions.expireIdleSessions(now: Date())
                    }
                }
            }
        }
        sessions.shutDown()
    }
}
