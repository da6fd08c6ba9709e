import MushroomCommandLine
import MushroomRPC
import Synchronization

/// Prints notifications for `watch`, one line each: what arrived together is formatted into one
/// buffer and written in one write(2), in the engine's own notification task (no hop to another
/// task per batch). With a limit, exactly that many are printed and `finished()` returns.
final class NotificationPrinter: Sendable {
    enum Format: Sendable {
        /// `{"id":ID,"method":"NAME","data":DATA}`, compact, keys in that order.
        case json
        /// `#ID METHOD DATA`.
        case human
    }

    private struct State {
        var left: Int
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let format: Format
    private let console: Console
    private let state: Mutex<State>

    /// A printer that stops after `limit` notifications, or never without one.
    init(format: Format, limit: Int?, console: Console) {
        self.format = format
        self.console = console
        state = Mutex(State(left: limit ?? Int.max))
    }

    /// Prints `calls` (as many as the limit leaves), in one write.
    func print(_ calls: [RPCCall]) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.left > 0 else { return nil }
            let taken = calls.prefix(state.left)
            state.left -= taken.count
            // Written under the lock: a reconnection's new engine cannot interleave its lines.
            console.printUTF8(lines(taken))
            guard state.left == 0 else { return nil }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Returns once the limit was printed (never without a limit).
    func finished() async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state in
                if state.left == 0 { return true }
                state.waiter = continuation
                return false
            }
            if done { continuation.resume() }
        }
    }

    private func lines(_ calls: ArraySlice<RPCCall>) -> [UInt8] {
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

    static func appendJSONLine(_ call: RPCCall, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: #"{"id":"#.utf8)
        JSONValue.integer(Int64(call.id)).appendCompact(to: &bytes)
        bytes.append(contentsOf: #","method":"#.utf8)
        JSONValue.string(call.method).appendCompact(to: &bytes)
        bytes.append(contentsOf: #","data":"#.utf8)
        call.data.appendCompact(to: &bytes)
        bytes.append(contentsOf: "}\n".utf8)
    }
}
