import Logging
import MushroomClient
import MushroomRPC
import Synchronization

/// The well-behaved clients of the soak, all `MushroomClient`s: the broadcaster, steady clients
/// and churning clients. Every answer is checked; anything unexpected goes to the tally's failures.
struct SoakClients: Sendable {
    /// The method of the broadcaster's notifications, `{"seq": N, "pad": "..."}`.
    static let broadcastMethod = "soak.broadcast"
    static let topicPatterns = ["soak.#", "orders.*", "metrics.cpu", "alerts.#", "chat.message"]

    let serverURL: String
    let tally: SoakTally
    let clock = ContinuousClock()

    /// Calls `publish` every `interval` until `stop` is set, so that every session, slow consumers
    /// included, receives a steady numbered stream besides the demo's ticker and topics.
    func broadcast(every interval: Duration, until stop: StopFlag) async {
        await withClient(name: "broadcaster", transport: .webSocket) { client in
            var seq: Int64 = 0
            let pad = String(repeating: "m", count: 512)
            while !stop.isRaised {
                let reached = try await client.request("publish", ["method": .string(Self.broadcastMethod), "data": ["seq": .integer(seq), "pad": .string(pad)]])
                guard let sessions = reached.integerValue, sessions >= 1 else {
                    throw UnexpectedAnswer(method: "publish", answer: reached)
                }
                tally.requestAnswered()
                tally.broadcastPublished()
                seq += 1
                try await Task.sleep(for: interval)
            }
        }
    }

    /// One client connected for the whole soak (one in four over long poll), calling `echo` twice a second.
    func steady(_ index: Int, until deadline: ContinuousClock.Instant) async {
        await withClient(name: "steady client \(index)", transport: Self.transport(index)) { client in
            var n: Int64 = 0
            while clock.now < deadline {
                try await expect(client, "echo", ["steady": .integer(n)], answer: ["steady": .integer(n)])
                n += 1
                try await Task.sleep(for: .milliseconds(500))
            }
        }
    }

    /// Client lives one after the other until `deadline`: connect (one in four over long poll),
    /// subscribe to a few topics, make a few requests, leave.
    func churn(_ index: Int, until deadline: ContinuousClock.Instant) async {
        var life = 0
        while clock.now < deadline {
            await withClient(name: "churning client \(index).\(life)", transport: Self.transport(index + life)) { client in
                let patterns = Array(Self.topicPatterns.shuffled().prefix(Int.random(in: 1...3)))
                let subscribed = JSONValue.array(patterns.map(JSONValue.string))
                try await expect(client, "subscribe", subscribed, answer: subscribed)
                for _ in 0..<Int.random(in: 3...10) {
                    let a = Int64.random(in: -1000...1000)
                    let b = Int64.random(in: -1000...1000)
                    if Bool.random() {
                        let text = JSONValue.string(String(repeating: "s", count: Int.random(in: 0...2048)))
                        try await expect(client, "echo", text, answer: text)
                    } else {
                        try await expect(client, "add", [.integer(a), .integer(b)], answer: .integer(a + b))
                    }
                    try await Task.sleep(for: .milliseconds(Int.random(in: 20...200)))
                }
            }
            life += 1
        }
    }

    /// One in four clients polls: every poll client holds a connection of the client library's
    /// shared HTTP pool (16 per host) for its held poll, so a majority of poll clients would queue.
    private static func transport(_ n: Int) -> TransportKind {
        n % 4 == 3 ? .poll : .webSocket
    }

    /// Connects a client, runs `body`, closes it; records the failure if anything throws.
    private func withClient(name: String, transport: TransportKind, _ body: (MushroomClient) async throws -> Void) async {
        let order = BroadcastOrder()
        let client: MushroomClient
        do {
            client = try await MushroomClient.connect(
                url: serverURL, transports: [transport], handler: handler(order: order, name: name), configuration: Self.configuration)
        } catch {
            tally.fail("\(name) (\(transport.rawValue)) could not connect: \(error)")
            return
        }
        tally.clientStarted(webSocket: transport == .webSocket)
        do {
            try await body(client)
        } catch {
            tally.fail("\(name) (\(transport.rawValue)): \(error)")
        }
        await client.close()
    }

    private func expect(_ client: MushroomClient, _ method: String, _ data: JSONValue, answer expected: JSONValue) async throws {
        let answer = try await client.request(method, data)
        guard answer == expected else { throw UnexpectedAnswer(method: method, answer: answer) }
        tally.requestAnswered()
    }

    /// Counts notifications, checks the broadcast stream has no gap, duplicate or reordering, and
    /// answers the demo's `client.ping` with its data.
    private func handler(order: BroadcastOrder, name: String) -> ClosureHandler {
        ClosureHandler { [tally] call in
            guard call.kind == .notification else { return call.data }
            tally.notificationDelivered()
            if call.method == Self.broadcastMethod, let seq = call.data["seq"]?.integerValue,
               let failure = order.receive(seq) {
                tally.fail("\(name): \(failure)")
            }
            return .null
        }
    }

    private static var configuration: ClientConfiguration {
        var configuration = ClientConfiguration()
        configuration.logger.logLevel = .error
        configuration.engine.logger.logLevel = .error
        return configuration
    }
}

/// Checks that one client receives the broadcast numbers consecutively from the first it sees.
private final class BroadcastOrder: Sendable {
    private let last = Mutex<Int64?>(nil)

    /// Records `seq`; says what is wrong when it does not follow the previous one.
    func receive(_ seq: Int64) -> String? {
        last.withLock { last in
            defer { last = seq }
            guard let previous = last, seq != previous + 1 else { return nil }
            return "broadcast \(seq) arrived after \(previous)"
        }
    }
}

/// A request was answered, but not with what the method returns.
struct UnexpectedAnswer: Error, CustomStringConvertible {
    let method: String
    let answer: JSONValue
    var description: String { "'\(method)' answered \(answer.compactString)" }
}
