import MushroomCommandLine
import MushroomRPC

/// Prints notifications for `watch`, one line each, in a task of its own (a slow standard output
/// never holds up the connection): what arrived together is formatted into one buffer and
/// written in one write(2). With a limit, exactly that many are printed.
final class NotificationPrinter: Sendable {
    enum Format: Sendable {
        /// `{"id":ID,"method":"NAME","data":DATA}`, compact, keys in that order (and
        /// `"position"` last for a positioned notification).
        case json
        /// `#ID METHOD DATA`.
        case human
    }

    private let format: Format
    private let limit: Int?
    private let console: Console
    /// What to print, in order: each read's notifications, and the recoveries that failed.
    private let queue = BatchQueue<Printed>()

    private enum Printed: Sendable {
        case notifications([RPCCall])
        case notRecovered(since: StreamPosition, reason: String)
    }

    /// A printer that stops after `limit` notifications, or never without one.
    init(format: Format, limit: Int?, console: Console) {
        self.format = format
        self.limit = limit
        self.console = console
    }

    /// Queues notifications that arrived together for printing.
    func enqueue(_ calls: [RPCCall]) {
        queue.push(.notifications(calls))
    }

    /// Queues the line saying that a new session could not recover what came after `since`.
    func notRecovered(since: StreamPosition, reason: String) {
        queue.push(.notRecovered(since: since, reason: reason))
    }

    /// Prints what is queued, as it comes, until the limit is printed (forever without one).
    func run() async {
        var left = limit ?? Int.max
        while left > 0, let batches = await queue.next() {
            var bytes: [UInt8] = []
            for batch in batches where left > 0 {
                switch batch {
                case .notifications(let all):
                    let calls = all.prefix(left)
                    bytes += lines(calls)
                    left -= calls.count
                case .notRecovered(let since, let reason):
                    bytes += notRecoveredLine(since: since, reason: reason)
                }
            }
            console.printUTF8(bytes)
        }
    }

    private func notRecoveredLine(since: StreamPosition, reason: String) -> [UInt8] {
        switch format {
        case .json:
            let event: JSONValue = ["event": "not_recovered", "since": since.json, "reason": .string(reason)]
            return Array((event.compactString + "\n").utf8)
        case .human:
            return Array("! not recovered: the publications after \(since): \(reason)\n".utf8)
        }
    }

    private func lines(_ calls: some Collection<RPCCall>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(calls.count * 96)
        for call in calls {
            switch format {
            case .json: Self.appendJSONLine(call, to: &bytes)
            case .human: bytes.append(contentsOf: "#\(call.id) \(call.method) \(call.data.compactString)\n".utf8)
            }
        }
        return bytes
    }

    /// `{"id":ID,"method":"NAME","data":DATA}` and a newline, appended to `bytes`.
    static func appendJSONLine(_ call: RPCCall, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: #"{"id":"#.utf8)
        JSONValue.integer(Int64(call.id)).appendCompact(to: &bytes)
        bytes.append(contentsOf: #","method":"#.utf8)
        JSONValue.string(call.method).appendCompact(to: &bytes)
        bytes.append(contentsOf: #","data":"#.utf8)
        call.data.appendCompact(to: &bytes)
        if let position = call.position {
            bytes.append(contentsOf: #","position":"#.utf8)
            position.json.appendCompact(to: &bytes)
        }
        bytes.append(contentsOf: "}\n".utf8)
    }
}
