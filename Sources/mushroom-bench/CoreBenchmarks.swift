import MushroomLoad
import MushroomRPC

/// Message codec and engine figures. The message is the reference peer's ticker notification,
/// the small message the CPython reference decodes and encodes at about 390k/s on this machine.
enum CoreBenchmarks {
    static let sample = Message.notification(.init(id: 12345, method: "ticker.tick", data: ["n": 12345, "ts": 1_732_450_000.123]))

    static func run() async throws -> [Figure] {
        let frame = sample.frame
        var sink = 0
        let decode = try rate(batch: 10_000) {
            if case .notification(let message) = try Message(frame: frame) { sink &+= message.id }
        }
        let encode = rate(batch: 10_000) { sink &+= sample.frame.count }
        let batchBody = Message.encodeBatch(Array(repeating: sample, count: 100))
        let batchDecode = try rate(batch: 100) { sink &+= try Message.decodeBatch(frame: batchBody).count } * 100

        let client = Engine()
        let server = Engine(handler: ClosureHandler { $0.data }, configuration: immediateAcknowledgement)
        let link = InMemoryLink(client, server)
        link.connect()
        let sequential = try await rate(batch: 1_000) { _ = try await client.request("echo", 1) }
        let pipelined = try await rate(batch: 1) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<1_000 { group.addTask { _ = try await client.request("echo", 1) } }
                try await group.waitForAll()
            }
        } * 1_000
        precondition(sink != 42)
        return [
            Figure(name: "core.decode (ticker notification)", value: decode, unit: "messages/s"),
            Figure(name: "core.encode (ticker notification)", value: encode, unit: "messages/s"),
            Figure(name: "core.decode (poll body of 100)", value: batchDecode, unit: "messages/s"),
            Figure(name: "core.loopback request, sequential", value: sequential, unit: "requests/s"),
            Figure(name: "core.loopback request, 1000 in flight", value: pipelined, unit: "requests/s"),
        ]
    }

    private static var immediateAcknowledgement: EngineConfiguration {
        var configuration = EngineConfiguration()
        configuration.acknowledgement = .immediate
        return configuration
    }
}
