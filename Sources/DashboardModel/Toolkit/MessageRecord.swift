import Foundation
import MushroomRPC

/// The JSON object of each kind of row, one shape for copying, exporting and comparing:
/// - a notification: `{"time": UNIX_SECONDS, "id": ID, "method": M, "data": D}`;
/// - a request: `{"direction": "outbound"|"inbound", "id", "method", "data", "status"}` with
///   `status` one of "in flight", "response", "error", "timeout", "cancelled", "connection lost";
///   a finished one adds `latency_seconds` and `late_response`, an answered one `result` (the
///   Response's or Error's data), a lost one `reason`;
/// - an error group: `{"kind", "method" (or null), "count", "first_seen", "last_seen", "latest"}`.
/// A dashboard on several servers adds `"server": NAME` to each (`DashboardModel.record(of:)`).
enum MessageRecord {
    static func notification(_ entry: NotificationEntry) -> SelectedMessage {
        SelectedMessage(
            server: entry.server, label: "notification \(entry.id) \(entry.method)",
            record: [
                "time": .double(entry.time.timeIntervalSince1970), "id": .integer(Int64(entry.id)),
                "method": .string(entry.method), "data": entry.data,
            ],
            resend: .init(kind: .notification, method: entry.method, data: entry.data))
    }

    static func request(_ row: RequestRow) -> SelectedMessage {
        var record: [String: JSONValue] = [
            "direction": .string(row.direction.rawValue), "id": .integer(Int64(row.id)), "method": .string(row.method), "data": row.data,
        ]
        switch row.status {
        case .inFlight:
            record["status"] = "in flight"
        case .finished(let finished):
            record["latency_seconds"] = .double(finished.latency.timeInterval)
            record["late_response"] = .bool(finished.lateResponse)
            switch finished.outcome {
            case .response(let data):
                record["status"] = "response"
                record["result"] = data
            case .error(let data):
                record["status"] = "error"
                record["result"] = data
            case .timeout:
                record["status"] = "timeout"
            case .cancelled:
                record["status"] = "cancelled"
            case .connectionLost(let reason):
                record["status"] = "connection lost"
                record["reason"] = .string(reason)
            }
        }
        return SelectedMessage(
            server: row.server, label: "\(row.direction.rawValue) request \(row.id) \(row.method)", record: .object(record),
            resend: .init(kind: .request, method: row.method, data: row.data))
    }

    static func error(_ group: ErrorGroup) -> SelectedMessage {
        SelectedMessage(
            server: group.server, label: "\(group.kind.rawValue) \(group.method ?? "")".trimmingCharacters(in: .whitespaces) + " errors",
            record: [
                "kind": .string(group.kind.rawValue), "method": group.method.map(JSONValue.string) ?? .null,
                "count": .integer(Int64(group.count)), "first_seen": .double(group.firstSeen.timeIntervalSince1970),
                "last_seen": .double(group.lastSeen.timeIntervalSince1970), "latest": .string(group.latestDetail),
            ],
            resend: nil)
    }
}
