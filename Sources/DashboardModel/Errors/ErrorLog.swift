import Foundation
import MushroomRPC

/// Errors grouped by kind and method, bounded: the least recently seen group is evicted first.
struct ErrorLog: Sendable {
    private struct Key: Sendable, Hashable {
        let kind: ErrorKind
        let method: String?
    }

    private var groups: [Key: ErrorGroup] = [:]
    private let limit: Int
    private(set) var total = 0
    /// Errors recorded by kind since the start, kept when the list is cleared (alerts count from them).
    private(set) var totalsByKind: [ErrorKind: Int] = [:]

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    var count: Int { groups.count }

    mutating func record(_ kind: ErrorKind, method: String?, detail: String, at time: Date) {
        total += 1
        totalsByKind[kind, default: 0] += 1
        let key = Key(kind: kind, method: method)
        if let group = groups[key] {
            groups[key] = ErrorGroup(
                kind: kind, method: method, count: group.count + 1, firstSeen: group.firstSeen, lastSeen: time,
                latestDetail: detail)
            return
        }
        if groups.count >= limit, let stalest = groups.min(by: { $0.value.lastSeen < $1.value.lastSeen })?.key {
            groups.removeValue(forKey: stalest)
        }
        groups[key] = ErrorGroup(kind: kind, method: method, count: 1, firstSeen: time, lastSeen: time, latestDetail: detail)
    }

    mutating func removeAll() {
        groups.removeAll()
        total = 0
    }

    /// Every group, most recently seen first (then by kind and method, for a stable order).
    var sorted: [ErrorGroup] {
        groups.values.sorted { left, right in
            if left.lastSeen != right.lastSeen { return left.lastSeen > right.lastSeen }
            if left.kind != right.kind { return left.kind.rawValue < right.kind.rawValue }
            return (left.method ?? "") < (right.method ?? "")
        }
    }
}

extension ErrorLog {
    /// Records a finished request if it failed: Error replies (method-not-found when the data is
    /// the method's name or "rpc_" + name), timeouts and lost connections.
    mutating func record(_ finish: RequestFinish, at time: Date) {
        let label = "\(finish.direction.rawValue) request \(finish.id)"
        switch finish.outcome {
        case .response, .cancelled:
            return
        case .error(let data):
            let notFound = data.stringValue.map { $0 == finish.method || $0 == "rpc_" + finish.method } ?? false
            record(notFound ? .methodNotFound : .errorReply, method: finish.method, detail: "\(label): \(data.compactString)", at: time)
        case .timeout:
            record(.timeout, method: finish.method, detail: "\(label): no answer after \(String(format: "%g", finish.latency.timeInterval)) s", at: time)
        case .connectionLost(let reason):
            record(.connectionLost, method: finish.method, detail: "\(label): \(reason)", at: time)
        }
    }
}
