import Foundation
import MushroomRPC
import MushroomServer

/// Demo traffic that looks like a real system: dotted topics at different rates, with bursts.
///
/// | topic                         | rate                        |
/// |-------------------------------|-----------------------------|
/// | `metrics.cpu`                 | every second                |
/// | `metrics.memory`              | every 2 s                   |
/// | `orders.created`              | about every 1.5 s, and a burst of 5-12 every ~20 s |
/// | `orders.shipped`              | some created orders, a few seconds later |
/// | `chat.message`                | about every 3 s             |
/// | `alerts.cpu`, `alerts.disk`, `alerts.latency` | about every 10 s, randomly |
public struct TopicTraffic: ServerWorkload {
    /// The shortest step of the schedule; every rate above is a multiple of it.
    public let step: Duration

    public init(step: Duration = .milliseconds(500)) {
        self.step = step
    }

    public func run(sessions: SessionList) async {
        var generator = SystemRandomNumberGenerator()
        var state = TrafficState()
        await repeatEvery(step) { tick in
            for (topic, data) in state.publications(tick: Int(tick), using: &generator) {
                // The demo's publications are one level deep: never refused as too deep.
                _ = try? sessions.publish(topic, data)
            }
        }
    }
}

/// The evolving state of the demo system (order numbers, load), one step at a time.
struct TrafficState {
    private var nextOrder: Int64 = 1000
    private var unshipped: [Int64] = []
    private var cpu = 35.0
    private var memory = 2_400.0
    private static let users = ["ada", "grace", "linus", "margaret", "ken"]
    private static let lines = ["deploy is green", "who broke the build?", "lunch?", "looking at the alerts", "LGTM", "rolling back"]
    private static let products = ["mushroom kit", "spore print", "grow bag", "substrate", "hygrometer"]

    /// What is published at step `tick` (steps are half a second by default).
    mutating func publications(tick: Int, using generator: inout some RandomNumberGenerator) -> [(String, JSONValue)] {
        var out: [(String, JSONValue)] = []
        let now = JSONValue.double(Date().timeIntervalSince1970)
        if tick % 2 == 0 {
            cpu = min(99, max(1, cpu + Double.random(in: -8...8, using: &generator)))
            out.append(("metrics.cpu", ["percent": .double((cpu * 10).rounded() / 10), "host": "web-1", "ts": now]))
            if cpu > 90 { out.append(("alerts.cpu", ["level": "warning", "percent": .double(cpu), "ts": now])) }
        }
        if tick % 4 == 0 {
            memory = min(7_900, max(800, memory + Double.random(in: -150...150, using: &generator)))
            out.append(("metrics.memory", ["used_mb": .integer(Int64(memory)), "total_mb": 8_192, "ts": now]))
        }
        let burst = tick % 40 == 0 ? Int.random(in: 5...12, using: &generator) : 0
        let regular = Int.random(in: 0..<3, using: &generator) == 0 ? 1 : 0
        for _ in 0..<(burst + regular) { out.append(order(now: now, using: &generator)) }
        if !unshipped.isEmpty, Int.random(in: 0..<4, using: &generator) == 0 {
            out.append(("orders.shipped", ["order": .integer(unshipped.removeFirst()), "carrier": "mycelium post", "ts": now]))
        }
        if Int.random(in: 0..<6, using: &generator) == 0, let user = Self.users.randomElement(using: &generator),
           let line = Self.lines.randomElement(using: &generator) {
            out.append(("chat.message", ["user": .string(user), "text": .string(line), "ts": now]))
        }
        if Int.random(in: 0..<20, using: &generator) == 0 {
            let kind = Bool.random(using: &generator) ? "disk" : "latency"
            out.append(("alerts.\(kind)", ["level": Bool.random(using: &generator) ? "warning" : "critical", "ts": now]))
        }
        return out
    }

    private mutating func order(now: JSONValue, using generator: inout some RandomNumberGenerator) -> (String, JSONValue) {
        nextOrder += 1
        if unshipped.count < 50 { unshipped.append(nextOrder) }
        let product = Self.products.randomElement(using: &generator) ?? "mushroom kit"
        return ("orders.created", [
            "order": .integer(nextOrder), "product": .string(product),
            "quantity": .integer(Int64.random(in: 1...5, using: &generator)),
            "total": .double((Double.random(in: 5...120, using: &generator) * 100).rounded() / 100), "ts": now,
        ])
    }
}
