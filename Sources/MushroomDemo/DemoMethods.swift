import Foundation
import MushroomRPC
import MushroomServer

/// The reference peer's methods (`../shared/peer/mushroom_peer.py`) with the same semantics,
/// except that `fail` keeps its data (the reference sends `""`):
/// - `echo(data)` → data; `add([numbers])` → their sum (integers stay integers);
/// - `slow(seconds)` → `"done"` after sleeping that long (`null` or `0` sleep 1 s, like Python's `or 1`);
/// - `fail(data)` → Error carrying `data`; `boom()` → Error `"Internal server error"`;
/// - `ask_client(data)` → asks the caller `client.ping` (5 s timeout) and returns its answer;
/// - `publish({"method": m, "data": d})` → notifies every session, returns the session count.
///
/// And one of its own, for topic traffic on demand (the benchmarks' source of load):
/// - `publish_topic({"topic": t, "data": d, "repeat": n})` → publishes `d` on topic `t` `n` times
///   (default 1, at most `maximumRepeat`) to the sessions whose subscriptions accept it, and
///   returns how many sessions each publication reached.
///
/// An unknown method is answered like the reference's `MethodDispatcher(prefix="rpc_")`: with
/// the looked-up name, e.g. `"rpc_nope"`.
///
/// Input the reference fails on with a Python exception (a non-list to `add`, a publish without
/// `method`) is answered with `"Internal server error"` too; the reason goes to the log. Input the
/// reference mishandles (a sum that overflows to infinity, which it writes as invalid JSON; a
/// sleep of 1e300 seconds) is answered with an Error saying why.
public enum DemoMethods {
    /// A demo method's input the reference peer would fail on.
    struct BadInput: Error, CustomStringConvertible {
        let description: String
    }

    /// How long `ask_client` waits for the client's answer.
    public static let askClientTimeout: Duration = .seconds(5)

    /// The most publications one `publish_topic` call makes.
    public static let maximumRepeat = 10_000

    /// The reference's method-name prefix, reported in `MethodNotFound` replies.
    public static let referencePrefix = "rpc_"

    /// The methods; `publish` broadcasts through `sessions`.
    public static func handler(sessions: SessionList) -> any RPCHandler {
        ReferenceNamedMethods(registry: dispatcher(sessions: sessions), prefix: referencePrefix)
    }

    private static func dispatcher(sessions: SessionList) -> RegistryDispatcher {
        var registry = RegistryDispatcher()
        let methods: [(String, RegistryDispatcher.Method)] = [
            ("echo", { call in call.data }),
            ("add", { call in try sum(call.data) }),
            ("slow", { call in
                try await Task.sleep(for: try seconds(call.data))
                return "done"
            }),
            ("fail", { call in throw RequestException(call.data) }),
            ("boom", { _ in throw BadInput(description: "boom") }),
            ("ask_client", { call in
                try await call.engine.request("client.ping", call.data, timeout: askClientTimeout)
            }),
            ("publish", { [weak sessions] call in
                guard let method = call.data["method"]?.stringValue else {
                    throw BadInput(description: "publish needs {\"method\": NAME, \"data\": ...}, got \(call.data)")
                }
                guard let sessions else { return 0 }
                try sessions.notify(method, call.data["data"] ?? .null)
                return .integer(Int64(sessions.count))
            }),
            ("publish_topic", { [weak sessions] call in
                let (topic, repeats) = try publication(call.data)
                guard let sessions else { return 0 }
                let data = call.data["data"] ?? .null
                var reached = 0
                for _ in 0..<repeats { reached = try sessions.publish(topic, data) }
                return .integer(Int64(reached))
            }),
        ]
        for (name, method) in methods {
            // The names are distinct literals, so registration cannot collide.
            try? registry.register(name, method)
        }
        return registry
    }

    /// The topic and repeat count of a `publish_topic` call; an Error reply says what is wrong.
    static func publication(_ data: JSONValue) throws -> (topic: String, repeats: Int) {
        guard let topic = data["topic"]?.stringValue, !topic.isEmpty else {
            throw RPCFailure(#"publish_topic needs {"topic": NAME, "data": ..., "repeat": COUNT}, got \#(data.compactString)"#)
        }
        guard let repeatValue = data["repeat"] else { return (topic, 1) }
        guard let repeats = repeatValue.integerValue, (1...Int64(maximumRepeat)).contains(repeats) else {
            throw RPCFailure("publish_topic: repeat must be an integer from 1 to \(maximumRepeat), got \(repeatValue.compactString)")
        }
        return (topic, Int(repeats))
    }

    /// Python's `sum(list)`: integers add up exactly, any float makes the sum a float.
    static func sum(_ data: JSONValue) throws -> JSONValue {
        guard let items = data.arrayValue else {
            throw BadInput(description: "add needs a list of numbers, got a \(data.kindName)")
        }
        var integer: Int64 = 0
        var double: Double?
        for item in items {
            switch item {
            case .integer(let value):
                if let running = double {
                    double = running + Double(value)
                } else {
                    let (result, overflow) = integer.addingReportingOverflow(value)
                    if overflow { double = Double(integer) + Double(value) } else { integer = result }
                }
            case .double(let value):
                double = (double ?? Double(integer)) + value
            default:
                throw BadInput(description: "add needs numbers, got a \(item.kindName)")
            }
        }
        guard let double else { return .integer(integer) }
        guard double.isFinite else { throw RPCFailure("add: the sum is too large for a JSON number") }
        return .double(double)
    }

    /// Python's `float(data or 1)`: a number or numeric string; `null`, `0`, `""` and `false` mean 1.
    /// A number that is no duration (negative, nan, beyond `Duration.longestAccepted`) is answered
    /// with an Error saying so.
    static func seconds(_ data: JSONValue) throws -> Duration {
        let value: Double? = switch data {
        case .null, .bool(false), .integer(0), .string(""): 1
        case .double(let number) where number == 0: 1
        case .integer(let number): Double(number)
        case .double(let number): number
        case .bool(true): 1
        case .string(let text): Double(text.trimmingCharacters(in: .whitespaces))
        default: nil
        }
        guard let value else {
            throw BadInput(description: "slow needs a non-negative number of seconds, got \(data)")
        }
        do {
            return try Duration(checkedSeconds: value)
        } catch {
            throw RPCFailure("slow: \(error)")
        }
    }
}
