import MushroomCommandLine
import MushroomRPC
import Synchronization

/// Prints notifications for `watch`, one line each, in a task of its own (a slow standard output
/// never holds up the connection): what arrived together is formatted into one buffer and
/// written in one write(2). With a limit, exactly that many are printed. A replay prints what it
/// read with `printNow`, in its own task, instead.
final class NotificationPrinter: Sendable {
    enum Format: Sendable {
        /// `{"id":ID,"method":"NAME","data":DATA}`, compact, keys in that order (and
        /// `"position"` last for a positioned notification).
        case json
        /// `#ID METHOD DATA`.
        case human
    }

    private let format: Format
    private let console: Console
    /// How many notifications the limit leaves to print.
    private let left: Mutex<Int>
    /// What to print, in order: each read's notifications, and the recoveries that failed.
    private let queue = BatchQueue<Printed>()

    /// What is printed: notifications (that arrived together, or were read together from a
    /// recording) and the recoveries that failed.
    enum Printed: Sendable {
        case notifications([RPCCall])
        case replayed([Message.Notification])
        case notRecovered(since: StreamPosition, reason: String)
    }

    /// A printer that stops after `limit` notifications, or never without one.
    init(format: Format, limit: Int?, console: Console) {
        self.format = format
        self.left = Mutex(limit ?? Int.max)
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
        while isUnderLimit, let batches = await queue.next() {
            printNow(batches)
        }
    }

    /// Prints `batches` at once, in one write(2), as far as the limit goes; returns whether the
    /// limit leaves more to print.
    @discardableResult
    func printNow(_ batches: [Printed]) -> Bool {
        let (bytes, more) = left.withLock { left -> ([UInt8], Bool) in
            var bytes: [UInt8] = []
            for batch in batches where left > 0 {
                switch batch {
                case .notifications(let all):
                    let calls = all.prefix(left)
                    bytes += lines(calls)
                    left -= calls.count
                case .replayed(let all):
                    let notifications = all.prefix(left)
                    bytes += lines(notifications)
                    left -= notifications.count
                case .notRecovered(let since, let reason):
                    bytes += notRecoveredLine(since: since, reason: reason)
                }
            }
            return (bytes, left > 0)
        }
        if !bytes.isEmpty { console.printUTF8(bytes) }
        return more
    }

    private var isUnderLimit: Bool { left.withLock { $0 > 0 } }

    private func notRecoveredLine(since: StreamPosition, reason: String) -> [UInt8] {
        switch format {
        case .json:
            let event: JSONValue = ["event": "not_recovered", "since": since.json, "reason": .string(reason)]
            return Array((event.compactString + "\n").utf8)
        case .human:
            return Array("! not recovered: the publications after \(since): \(reason)\n".utf8)
        }
    }

    private func lines<Calls: Collection>(_ calls: Calls) -> [UInt8] where Calls.Element: PrintedNotification {
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
    static func appendJSONLine(_ call: some PrintedNotification, to bytes: inout [UInt8]) {
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

/// What `watch` prints of a notification, live (`RPCCall`) or read from a recording.
protocol PrintedNotification {
    var id: MessageID { get }
    var method: String { get }
    var data: JSONValue { get }
    var position: StreamPosition? { get }
}

extension RPCCall: PrintedNotification {}
extension Message.Notification: PrintedNotification {}
