import DashboardModel
import Foundation
import MushroomLoad
import MushroomRPC

/// Dashboard model figures: notification ingest and the cost of one snapshot.
enum ModelBenchmarks {
    static func run() async throws -> [Figure] {
        let methods = (0..<20).map { "orders.topic\($0)" }
        let origin = Date(timeIntervalSinceReferenceDate: 800_000_000)
        let count = 500_000
        let events: [EngineEvent] = (0..<count).map { index in
            EngineEvent(
                time: origin.addingTimeInterval(Double(index) / 200_000),
                kind: .messageReceived(.notification(.init(
                    id: index, method: methods[index % methods.count], data: ["n": .integer(Int64(index)), "user": "alice"]))))
        }
        var model = DashboardModel()
        _ = model.apply(.layout(DashboardLayout(streamRows: 40, requestRows: 15, errorRows: 10, detailRows: 30, methodRows: 10)), at: origin)
        let clock = ContinuousClock()
        let ingest = clock.measure {
            for event in events { model.ingest(event) }
        }
        for id in 0..<50 {
            model.ingest(EngineEvent(time: origin, kind: .requestStarted(RequestStart(
                direction: .outbound, id: id, method: methods[id % 20], data: ["x": 1], deadline: origin.addingTimeInterval(30)))))
        }
        var rows = 0
        let snapshots = 5_000
        let snapshotTime = clock.measure {
            for round in 0..<snapshots {
                rows &+= model.snapshot(at: origin.addingTimeInterval(3 + Double(round) / 1000)).stream.rows.count
            }
        }
        precondition(rows > 0)
        return [
            Figure(name: "model.ingest notifications", value: Double(count) / ingest.timeInterval, unit: "events/s"),
            Figure(name: "model.snapshot (40 rows, 50 in flight)", value: snapshotTime.timeInterval * 1e6 / Double(snapshots), unit: "µs"),
        ]
    }
}
