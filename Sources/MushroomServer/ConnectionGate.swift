import Foundation
import NIOCore
import Synchronization

/// Bounds the connections a server holds open, so that it never runs out of file descriptors:
/// at the bound, a new connection sheds an idle one (the oldest that never sent a complete
/// request head, then the one idle the longest between requests), or is refused itself when
/// every open connection is in use (a request in progress, a held poll, a WebSocket).
///
/// Out of descriptors, NIO's accept loop retried `accept` at a full core while Hummingbird's
/// server channel kept asking to read, and no client was served until the idle sockets went.
final class ConnectionGate: Sendable {
    private enum Activity {
        /// Opened, no complete request head yet.
        case awaitingHead
        /// A request is being read or answered, or the connection is a WebSocket.
        case busy
        /// Between requests since `lastActive`.
        case idle
    }

    private struct Entry {
        let channel: any Channel
        var activity = Activity.awaitingHead
        var lastActive: NIODeadline
    }

    private struct Connections {
        var byID: [ObjectIdentifier: Entry] = [:]
        var shed = 0

        /// The connection to shed first: the oldest awaiting its head, else the longest idle.
        func sheddable() -> ObjectIdentifier? {
            func oldest(_ activity: Activity) -> ObjectIdentifier? {
                byID.filter { $0.value.activity == activity }.min { $0.value.lastActive < $1.value.lastActive }?.key
            }
            return oldest(.awaitingHead) ?? oldest(.idle)
        }
    }

    /// The most connections held open at once.
    let limit: Int
    private let connections = Mutex(Connections())

    init(limit: Int) {
        self.limit = limit
    }

    /// The number of connections open now.
    var count: Int { connections.withLock { $0.byID.count } }

    /// How many connections were shed or refused to stay within the bound.
    var shedCount: Int { connections.withLock { $0.shed } }

    /// Admits `channel`, shedding an idle connection when the bound is reached; returns false
    /// (and the caller refuses `channel`) when every open connection is in use.
    func admit(_ channel: any Channel) -> Bool {
        let outcome = connections.withLock { connections -> (admitted: Bool, shed: (any Channel)?) in
            var shed: (any Channel)?
            if connections.byID.count >= limit {
                connections.shed += 1
                guard let victim = connections.sheddable() else { return (false, nil) }
                shed = connections.byID.removeValue(forKey: victim)?.channel
            }
            connections.byID[ObjectIdentifier(channel)] = Entry(channel: channel, lastActive: .now())
            return (true, shed)
        }
        outcome.shed?.closeBetweenRequests()
        return outcome.admitted
    }

    /// A request head arrived on `channel`: it is in use until its response has been written.
    func requestStarted(on channel: any Channel) {
        connections.withLock { $0.byID[ObjectIdentifier(channel)]?.activity = .busy }
    }

    /// The response on `channel` has been written: it is idle until its next request.
    func responseEnded(on channel: any Channel) {
        connections.withLock { connections in
            connections.byID[ObjectIdentifier(channel)]?.activity = .idle
            connections.byID[ObjectIdentifier(channel)]?.lastActive = .now()
        }
    }

    /// `channel` has closed.
    func closed(_ channel: any Channel) {
        connections.withLock { _ = $0.byID.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// The default bound: the process's descriptor limit less a reserve for everything else
    /// (listening sockets, log files, outbound connections), at least 16.
    static var defaultLimit: Int {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0 else { return 1_024 }
        return max(16, Int(clamping: min(limit.rlim_cur, rlim_t(Int32.max))) - 64)
    }
}

extension Channel {
    /// Closes a connection between requests the way a peer's close would, so that Hummingbird
    /// takes it for an ordinary end of input instead of logging an error for every shed one.
    func closeBetweenRequests() {
        pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        close(promise: nil)
    }
}
