import DashboardModel
import DashboardUI
import Foundation
import MushroomRPC

/// A dashboard with a little of everything, at a fixed instant, for render tests.
enum SampleDashboard {
    /// 2025-05-09 21:20:00 UTC, a whole minute so that times read easily.
    static let origin = Date(timeIntervalSince1970: 1_746_825_600)
    /// When the sample is rendered: 30 s after the origin.
    static let now = origin.addingTimeInterval(30)

    static func at(_ seconds: Double) -> Date { origin.addingTimeInterval(seconds) }

    /// The model fed with the sample events, laid out for `size` (as the app does each frame).
    static func model(size: Size, focus: Pane = .stream) -> DashboardModel {
        var model = DashboardModel()
        for event in events { model.ingest(event) }
        _ = model.apply(.focus(focus), at: now)
        let layout = ScreenLayout(size: size, focus: model.focus, maximized: model.maximized)
        _ = model.apply(.layout(layout.modelLayout), at: now)
        return model
    }

    /// The sample rendered on a memory surface of `size` with `profile` and the dark theme, in UTC.
    static func render(
        size: Size, profile: ColorProfile = .ansi256, focus: Pane = .stream, view: ViewState = ViewState(),
        actions: [OperatorAction] = []
    ) throws -> MemorySurface {
        var model = model(size: size, focus: focus)
        for action in actions { _ = model.apply(action, at: now) }
        return try render(model.snapshot(at: now), size: size, profile: profile, view: view)
    }

    /// A snapshot rendered on a memory surface.
    static func render(
        _ snapshot: DashboardSnapshot, size: Size, profile: ColorProfile = .ansi256, view: ViewState = ViewState(), glyphs: Glyphs = .unicode
    ) throws -> MemorySurface {
        let surface = MemorySurface(size: size)
        let renderer = DashboardRenderer(
            palette: Palette(theme: try Theme.builtIn(named: "dark"), profile: profile), glyphs: glyphs,
            format: Format(timeZone: TimeZone(identifier: "UTC") ?? .current))
        renderer.render(snapshot, view: view, on: surface)
        return surface
    }

    static var events: [EngineEvent] {
        var events: [EngineEvent] = [
            EngineEvent(time: at(0), kind: .transport(.connecting(url: "ws://127.0.0.1:8080/mushroom", attempt: 1))),
            EngineEvent(time: at(0.2), kind: .transport(.connected(transport: "websocket", url: "ws://127.0.0.1:8080/mushroom", sessionID: "s-4f2a"))),
        ]
        let methods: [(String, JSONValue)] = [
            ("orders.created", ["order": 1042, "total": 99.5, "customer": "ada"]),
            ("metrics.cpu", ["host": "web-1", "load": 0.73]),
            ("chat.message", ["from": "yuki", "text": "日本語 héllo"]),
        ]
        for index in 0..<24 {
            let (method, data) = methods[index % 3]
            events.append(EngineEvent(
                time: at(6 + Double(index)), kind: .messageReceived(.notification(.init(id: index + 1, method: method, data: data)))))
        }
        events += [
            EngineEvent(time: at(28), kind: .messageReceived(.heartbeat(.init(lastMessageID: 3)))),
            EngineEvent(time: at(29), kind: .messageSent(.heartbeat(.init(lastMessageID: 24)))),
            EngineEvent(time: at(10), kind: .requestStarted(RequestStart(direction: .outbound, id: 1, method: "echo", data: ["x": 1], deadline: at(20)))),
            EngineEvent(time: at(10.01), kind: .requestFinished(RequestFinish(direction: .outbound, id: 1, method: "echo", outcome: .response(["x": 1]), latency: .milliseconds(12)))),
            EngineEvent(time: at(12), kind: .requestStarted(RequestStart(direction: .outbound, id: 2, method: "fail.always", data: .null, deadline: at(22)))),
            EngineEvent(time: at(12.03), kind: .requestFinished(RequestFinish(direction: .outbound, id: 2, method: "fail.always", outcome: .error("boom"), latency: .milliseconds(30)))),
            EngineEvent(time: at(28), kind: .requestStarted(RequestStart(direction: .outbound, id: 3, method: "slow.compute", data: ["n": 30], deadline: at(38)))),
            EngineEvent(time: at(21.5), kind: .requestStarted(RequestStart(direction: .outbound, id: 4, method: "reports.build", data: .null, deadline: at(31.5)))),
            EngineEvent(time: at(25), kind: .requestStarted(RequestStart(direction: .inbound, id: 30, method: "client.ping", data: .null, deadline: nil))),
            EngineEvent(time: at(27), kind: .protocolError("frame is not valid JSON: unexpected character 'x' at byte 0")),
        ]
        return events
    }
}
