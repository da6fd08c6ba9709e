import DashboardModel
import DashboardUI
import Foundation
import MushroomLoad
import MushroomRPC

/// Dashboard rendering figures: one full 200x60 frame (snapshot and drawing) on the in-memory surface.
enum RenderBenchmarks {
    static func run() async throws -> [Figure] {
        let origin = Date(timeIntervalSinceReferenceDate: 800_000_000)
        let size = Size(rows: 60, columns: 200)
        let layout = ScreenLayout(size: size, focus: .stream, maximized: nil)
        var model = DashboardModel()
        _ = model.apply(.layout(layout.modelLayout), at: origin)
        let methods = ["orders.created", "orders.shipped", "metrics.cpu", "chat.message", "alerts.disk"]
        for index in 0..<10_000 {
            model.ingest(EngineEvent(
                time: origin.addingTimeInterval(Double(index) / 1000),
                kind: .messageReceived(.notification(.init(
                    id: index, method: methods[index % methods.count], data: ["n": .integer(Int64(index)), "text": "日本語 héllo"])))))
        }
        for id in 0..<40 {
            model.ingest(EngineEvent(time: origin, kind: .requestStarted(RequestStart(
                direction: .outbound, id: id, method: "slow", data: .integer(Int64(id)), deadline: origin.addingTimeInterval(30)))))
        }
        let renderer = DashboardRenderer(palette: Palette(theme: try Theme.builtIn(named: "dark"), profile: .ansi256))
        let surface = MemorySurface(size: size)
        let frames = 500
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for frame in 0..<frames {
                let snapshot = model.snapshot(at: origin.addingTimeInterval(10 + Double(frame) / 100))
                renderer.render(snapshot, view: ViewState(), layout: layout, on: surface)
            }
        }
        return [Figure(name: "render.frame 200x60 (snapshot + draw)", value: elapsed.timeInterval * 1000 / Double(frames), unit: "ms")]
    }
}
