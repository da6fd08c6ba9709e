import DashboardModel
import Foundation
import MushroomLoad
import MushroomRPC

/// The dashboard's ingest path under a flood of notifications: an engine receives them as a
/// WebSocket client does (reads of 100, handed to a handler that drops them where they arrive,
/// as `mushroom dash`'s does), its event subscription queues them, and once a frame the model
/// ingests what was drained and builds a snapshot, for 10 million notifications: once keeping up
/// (5,000 a 50 ms frame: 100,000 a second, below the subscription's limit) and once overloaded
/// (250,000 a frame as fast as the engine takes them: most are dropped, and only counted by
/// method). It reports the CPU of the whole process per notification (utime + stime, engine
/// included), the resident memory after a warm-up of 1 million and its peak from then on (read
/// every frame); then the memory a retained row takes, from a million-row history.
enum OverloadBenchmarks {
    static let notifications = 10_000_000
    static let warmUp = 1_000_000

    /// How many notifications arrive between two frames, and how often frames come (`nil`: at once).
    struct Pace {
        let name: String
        let perFrame: Int
        let frameInterval: Duration?
    }

    static func run() async throws -> [Figure] {
        let paces = [
            Pace(name: "keeping up", perFrame: 5_000, frameInterval: .milliseconds(50)),
            Pace(name: "overloaded", perFrame: 250_000, frameInterval: nil),
        ]
        var figures: [Figure] = []
        for pace in paces { figures += try await flood(pace) }
        figures += [Figure(name: "dash.history memory per row", value: try memoryPerRow(rows: 1_000_000), unit: "bytes")]
        return figures
    }

    /// The methods and payloads the flood cycles through (payloads shared, as the ring keeps
    /// at most its capacity of them at once).
    static let methods = (0..<20).map { "orders.topic\($0)" }
    static let payloads: [JSONValue] = (0..<4096).map { ["n": .integer(Int64($0)), "user": "alice", "ts": .double(1_796_131_291.83)] }

    static func flood(_ pace: Pace) async throws -> [Figure] {
        releaseFreeMemory()
        let engine = Engine(handler: DroppingHandler())
        let subscription = engine.events()
        var model = DashboardModel()
        _ = model.apply(.layout(DashboardLayout(streamRows: 40, methodRows: 10)), at: Date())
        let clock = ContinuousClock()
        let start = clock.now
        var (received, frames) = (0, 0)
        var (warmCPU, warmResident, peakResident) = (0.0, 0, 0)
        while received < notifications {
            for id in received..<min(notifications, received + pace.perFrame) {
                let notification = Message.Notification(id: id, method: methods[id % methods.count], data: payloads[id % payloads.count])
                engine.receive(.notification(notification), heldUntilEndOfRead: true)
                if id % 100 == 99 { engine.endOfRead() }
            }
            received = min(notifications, received + pace.perFrame)
            frames += 1
            model.ingest(subscription.drain())
            _ = model.snapshot(at: Date())
            if warmCPU == 0, received >= warmUp {
                (warmCPU, warmResident) = (try ProcessCPU.seconds(of: getpid()), try ProcessMemory.residentKiB(of: getpid()))
            } else if warmCPU > 0 {
                peakResident = max(peakResident, try ProcessMemory.residentKiB(of: getpid()))
            }
            if let interval = pace.frameInterval { try await Task.sleep(until: start + interval * frames, clock: clock) }
        }
        let cpu = try ProcessCPU.seconds(of: getpid()) - warmCPU
        let snapshot = model.snapshot(at: Date())
        precondition(snapshot.stream.totalReceived == notifications, "every notification is counted")
        let name = "dash.flood \(pace.perFrame / 1000)k/frame"
        return [
            Figure(name: "\(name) CPU", value: cpu * 1e6 / Double(notifications - warmUp), unit: "µs/notification (\(pace.name))"),
            Figure(name: "\(name) rows skipped", value: Double(snapshot.stream.skipped) * 100 / Double(notifications), unit: "%"),
            Figure(name: "\(name) RSS after 1M", value: Double(warmResident) / 1024, unit: "MiB"),
            Figure(name: "\(name) RSS peak after 1M", value: Double(peakResident) / 1024, unit: "MiB"),
            Figure(name: "\(name) RSS growth after 1M", value: Double(peakResident - warmResident) * 100 / Double(warmResident), unit: "%"),
        ]
    }

    /// The resident memory a row of the stream takes: a model with a history of `rows` filled with
    /// notifications of their own payloads (like those of the demo's ticker), divided by `rows`.
    static func memoryPerRow(rows: Int) throws -> Double {
        var configuration = DashboardConfiguration()
        configuration.streamCapacity = rows
        var model = DashboardModel(configuration: configuration)
        let origin = Date()
        releaseFreeMemory()
        let before = try ProcessMemory.residentKiB(of: getpid())
        for id in 0..<rows {
            let data: JSONValue = ["n": .integer(Int64(id)), "ts": .double(1_796_131_291.83 + Double(id))]
            model.ingest(EngineEvent(
                time: origin, kind: .messageReceived(.notification(.init(id: id, method: methods[id % methods.count], data: data)))))
        }
        let after = try ProcessMemory.residentKiB(of: getpid())
        precondition(model.snapshot(at: origin).stream.retained == rows)
        return Double(after - before) * 1024 / Double(rows)
    }

    /// Hands the heap's free memory back to the system, so that a scenario's resident memory is
    /// its own: glibc's `malloc_trim`, which its Swift module does not import.
    static func releaseFreeMemory() {
        guard let program = dlopen(nil, RTLD_NOW), let trim = dlsym(program, "malloc_trim") else { return }
        _ = unsafeBitCast(trim, to: (@convention(c) (Int) -> Int32).self)(0)
    }
}

/// Takes notifications where they arrive and drops them, as `mushroom dash`'s handler does.
private struct DroppingHandler: ImmediateNotificationHandler {
    func handle(_ call: RPCCall) async throws -> JSONValue { .null }
    func receiveNotifications(_ calls: [RPCCall]) {}
}
