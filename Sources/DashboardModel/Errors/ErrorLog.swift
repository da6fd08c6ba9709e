import Foundation
import MushroomRPC

/// Errors grouped by server, kind and method, bounded: the least recently seen group is evicted
/// first. The rows are those of the server shown alone (`server`), or of all.
struct ErrorLog: Sendable {
    private struct Key: Sendable, Hashable {
        let server: Int
        let kind: ErrorKind
        let method: String?
    }

    private var groups: [Key: ErrorGroup] = [:]
    private let limit: Int
    /// Errors recorded since the last clear, by server.
    private var totalByServer: [Int: Int] = [:]
    /// Errors recorded by kind since the start, kept when the list is cleared (alerts count from them).
    private(set) var totalsByKind: [ErrorKind: Int] = [:]
    /// The same, for each server.
    private var totalsByServerAndKind: [Int: [ErrorKind: Int]] = [:]
    /// The server whose groups the rows show alone; `nil` shows every server's.
    var server: Int?

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Errors recorded since the last clear: those of the server shown, or all.
    var total: Int {
        guard let server else { return totalByServer.values.reduce(0, +) }
        return totalByServer[server, default: 0]
    }

    /// The number of rows: the groups of the server shown, or all.
    var count: Int {
        guard let server else { return groups.count }
        return groups.keys.count { $0.server == server }
    }

    mutating func record(_ kind: ErrorKind, method: String?, detail: String, at time: Date, on server: Int = 0) {
        totalByServer[server, default: 0] += 1
        totalsByKind[kind, default: 0] += 1
        totalsByServerAndKind[server, default: [:]][kind, default: 0] += 1
        let key = Key(server: server, kind: kind, method: method)
        if let group = groups[key] {
            groups[key] = ErrorGroup(
                kind: kind, method: method, count: group.count + 1, firstSeen: group.firstSeen, lastSeen: time,
                latestDetail: detail, server: server)
            return
        }
        if groups.count >= limit, let stalest = groups.min(by: { $0.value.lastSeen < $1.value.lastSeen })?.key {
            groups.removeValue(forKey: stalest)
        }
        groups[key] = ErrorGroup(
            kind: kind, method: method, count: 1, firstSeen: time, lastSeen: time, latestDetail: detail, server: server)
    }

    /// Errors recorded by kind since the start on `server`.
    func totalsByKind(on server: Int) -> [ErrorKind: Int] {
        totalsByServerAndKind[server] ?? [:]
    }

    mutating func removeAll() {
        groups.removeAll()
        totalByServer = [:]
    }

    /// Every group of the server shown (or all), most recently seen first (then by server, kind
    /// and method, for a stable order).
    var sorted: [ErrorGroup] {
        groups.values.filter { server == nil || $0.server == server }.sorted { left, right in
            if left.lastSeen != right.lastSeen { return left.lastSeen > right.lastSeen }
            if left.server != right.server { return left.server < right.server }
            if left.kind != right.kind { return left.kind.rawValue < right.kind.rawValue }
            return (left.method ?? "") < (right.method ?? "")
        }
    }
}

extension ErrorLog {
    /// Records a finished request if it failed: Error replies (method-not-found when the data is
    /// the method's name or "rpc_" + name), timeouts and lost connections.
    mutating func record(_ finish: RequestFinish, at time: Date, on server: Int = 0) {
        let label = "\(finish.direction.rawValue) request \(finish.id)"
        switch finish.outcome {
        case .response, .cancelled:
            return
        case .error(let data):
            let notFound = data.stringValue.map { $0 == finish.method || $0 == "rpc_" + finish.method } ?? false
            record(notFound ? .methodNotFound : .errorReply, method: finish.method, detail: "\(label): \(data.compactString)", at: time, on: server)
        case .timeout:
            record(.timeout, method: finish.method, detail: "\(label): no answer after \(String(format: "%g", finish.latency.timeInterval)) s", at: time, on: server)
        case .connectionLost(let reason):
            record(.connectionLost, method: finish.method, detail: "\(label): \(reason)", at: time, on: server)
        }
    }
}
