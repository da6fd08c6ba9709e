import MushroomRPC
import Synchronization

/// Counts what an engine's event stream reports during a run: messages received, duplicates
/// dropped, connections,
/// sessions lost, protocol errors, and the last disconnection reasons (for diagnosis).
final class EventTally: Sendable {
    struct Counts: Sendable {
        var duplicatesDropped = 0
        var messagesReceived = 0
        var connected = 0
        var disconnected = 0
        var sessionsLost = 0
        var protocolErrors: [String] = []
        var recentDisconnections: [String] = []
    }

    private let counts = Mutex(Counts())
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// Starts counting `events` until the stream ends (the engine closes) or `finish` is called.
    init(_ events: EventSubscription) {
        let task = Task { [self] in
            for await event in events {
                counts.withLock { Self.count(event.kind, in: &$0) }
            }
        }
        self.task.withLock { $0 = task }
    }

    /// The counts so far.
    var current: Counts { counts.withLock { $0 } }

    /// Stops counting.
    func finish() async {
        let task = self.task.withLock { $0 }
        task?.cancel()
        await task?.value
    }

    private static func count(_ kind: EngineEvent.Kind, in counts: inout Counts) {
        switch kind {
        case .messageReceived:
            counts.messagesReceived += 1
        case .duplicateDropped:
            counts.duplicatesDropped += 1
        case .protocolError(let detail):
            counts.protocolErrors.append(detail)
        case .transport(.connected):
            counts.connected += 1
        case .transport(.disconnected(let reason)):
            counts.disconnected += 1
            counts.recentDisconnections = Array((counts.recentDisconnections + [reason]).suffix(5))
        case .transport(.sessionLost):
            counts.sessionsLost += 1
        default:
            break
        }
    }
}
