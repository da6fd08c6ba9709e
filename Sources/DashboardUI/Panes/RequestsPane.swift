import DashboardModel
import MushroomRPC

/// Requests in flight (with countdown bars) and recently finished (with their outcome), both directions.
public enum RequestsPane: PaneView {
    public static let pane = Pane.requests
    public static let placement = Placement(column: .left, order: 2) { $0 * 3 / 10 }

    /// Draws the pane in `rect`, border included.
    @discardableResult
    public static func draw(_ context: PaneContext, in rect: Rect) -> Position? {
        let requests = context.snapshot.requests
        let late = requests.lateResponses > 0 ? ["\(requests.lateResponses) late"] : []
        let status = (["\(requests.inFlightCount) in flight", "\(requests.finishedTotal) done"] + late + ["\(requests.timeouts) timeouts"])
            .joined(separator: context.canvas.glyphs.separator)
        let servers = ServerColumn(context.snapshot.servers)
        let inner = Box(title: servers.title("requests"), status: status, focused: context.isFocused(.requests)).draw(on: context.canvas, in: rect)
        if requests.rows.isEmpty {
            context.canvas.truncated("no requests yet: press f to send one", in: inner, row: 0, width: inner.width, role: .label)
            return nil
        }
        let idWidth = max(3, requests.rows.map { String($0.id).count }.max() ?? 3)
        let methodWidth = min(max(8, requests.rows.map { DisplayWidth.of($0.method) }.max() ?? 8), max(8, inner.width / 4))
        ListView(rows: requests.rows, selected: requests.selectedRow, focused: context.isFocused(.requests)).draw(on: context.canvas, in: inner) {
            row, line, highlighted in
            let canvas = context.canvas
            func role(_ role: Role) -> Role { highlighted ? .selection : role }
            let arrow = row.direction == .outbound ? canvas.glyphs.outbound : canvas.glyphs.inbound
            var offset = canvas.text(String(arrow) + " ", in: line, row: 0, role: role(.label))
            offset += servers.draw(row.server, on: canvas, in: line, offset: offset, role: role(.label))
            let id = String(row.id)
            offset += canvas.text(String(repeating: " ", count: idWidth - id.count) + id, in: line, row: 0, offset: offset, role: role(.id)) + 1
            canvas.truncated(row.method, in: line, row: 0, offset: offset, width: methodWidth, role: role(.method))
            offset += methodWidth + 1
            switch row.status {
            case .inFlight(let inFlight):
                drawInFlight(inFlight, on: canvas, line: line, offset: offset, highlighted: highlighted)
            case .finished(let finished):
                let (text, outcomeRole) = describe(finished)
                canvas.truncated(text, in: line, row: 0, offset: offset, width: line.width, role: role(outcomeRole))
            }
        }
        return nil
    }

    /// The countdown bar's role for a request's state.
    public static func countdownRole(_ state: InFlightState) -> Role {
        switch state {
        case .waiting: .countdownOK
        case .nearDeadline: .countdownWarning
        case .overdue: .countdownExpired
        }
    }

    private static func drawInFlight(_ inFlight: RequestRow.InFlight, on canvas: Canvas, line: Rect, offset: Int, highlighted: Bool) {
        let role = highlighted ? .selection : countdownRole(inFlight.state)
        guard let remaining = inFlight.remaining, let fraction = inFlight.fractionUsed else {
            canvas.truncated("waiting \(Format.duration(inFlight.elapsed)), no timeout", in: line, row: 0, offset: offset, width: line.width, role: role)
            return
        }
        let label = inFlight.state == .overdue ? "overdue \(Format.duration(.zero - remaining))" : "\(Format.duration(remaining)) left"
        let barWidth = min(20, max(0, line.width - offset - 16))
        if barWidth >= 4 {
            CountdownBar(fractionUsed: fraction, role: role).draw(on: canvas, in: line, row: 0, offset: offset, width: barWidth)
            canvas.truncated(label, in: line, row: 0, offset: offset + barWidth + 1, width: line.width, role: role)
        } else {
            canvas.truncated(label, in: line, row: 0, offset: offset, width: line.width, role: role)
        }
    }

    /// A finished request's outcome as text and role.
    static func describe(_ finished: RequestRow.Finished) -> (String, Role) {
        let latency = Format.duration(finished.latency)
        let late = finished.lateResponse ? ", LATE answer" : ""
        switch finished.outcome {
        case .response(let data): return ("ok \(latency) \(data.compactString)", .payload)
        case .error(let data): return ("error \(latency) \(data.compactString)", .error)
        case .timeout: return ("timed out after \(latency)\(late)", .countdownExpired)
        case .cancelled: return ("cancelled after \(latency)", .label)
        case .connectionLost(let reason): return ("connection lost: \(reason)", .error)
        }
    }
}
