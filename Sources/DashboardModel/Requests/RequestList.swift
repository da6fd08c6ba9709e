import Foundation
import MushroomRPC

/// The requests pane's part of the model: the tracked requests and the list's selection.
struct RequestList: ListPaneModel {
    var tracker: RequestTracker
    var position = ListPosition()

    init(configuration: DashboardConfiguration) {
        tracker = RequestTracker(configuration: configuration)
    }

    var rowCount: Int { tracker.rowCount }

    /// Empties the finished requests (in-flight requests stay).
    mutating func clear() {
        tracker.clearRecent()
        position = ListPosition()
    }

    func detail(rows: Int, at time: Date) -> Detail? {
        guard let selected = position.selected, selected < tracker.rowCount,
            let row = tracker.rows(selected..<(selected + 1), at: time).first
        else { return nil }
        var text = "data:\n\(row.data.prettyString)"
        if case .finished(let finished) = row.status {
            switch finished.outcome {
            case .response(let data): text += "\nresponse:\n\(data.prettyString)"
            case .error(let data): text += "\nerror:\n\(data.prettyString)"
            case .timeout: text += "\ntimed out"
            case .cancelled: text += "\ncancelled"
            case .connectionLost(let reason): text += "\nconnection lost: \(reason)"
            }
            if finished.lateResponse { text += "\na response arrived after the timeout" }
        }
        return Detail(title: "\(row.direction.rawValue) request \(row.id) \(row.method)", text: text)
    }

    /// The visible `rows` rows at `now`, with the `latencyRows` slowest methods.
    func snapshot(rows: Int, latencyRows: Int, at now: Date) -> RequestsSnapshot {
        let (range, selectedRow) = visibleWindow(rows: rows)
        return RequestsSnapshot(
            rows: tracker.rows(range, at: now), selectedRow: selectedRow,
            inFlightCount: tracker.inFlightCount, finishedTotal: tracker.finishedTotal, timeouts: tracker.timeouts,
            lateResponses: tracker.lateResponses,
            latencies: tracker.methodLatencies(limit: latencyRows))
    }
}
