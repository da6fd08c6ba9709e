import Foundation

/// The errors pane's part of the model: the error groups and the list's selection.
struct ErrorList: ListPaneModel {
    var log: ErrorLog
    var position = ListPosition()

    init(configuration: DashboardConfiguration) {
        log = ErrorLog(limit: configuration.maximumErrorGroups)
    }

    var rowCount: Int { log.count }

    mutating func clear() {
        log.removeAll()
        position = ListPosition()
    }

    func detail(rows: Int, at time: Date) -> Detail? {
        guard let selected = position.selected, selected < log.count else { return nil }
        let group = log.sorted[selected]
        let title = "\(group.kind.rawValue) \(group.method ?? "")".trimmingCharacters(in: .whitespaces)
        let text = """
            count: \(group.count)
            first seen: \(group.firstSeen.formatted(.iso8601))
            last seen: \(group.lastSeen.formatted(.iso8601))
            latest: \(group.latestDetail)
            """
        return Detail(title: title, text: text)
    }

    /// The visible `rows` groups.
    func snapshot(rows: Int) -> ErrorsSnapshot {
        let (range, selectedRow) = visibleWindow(rows: rows)
        return ErrorsSnapshot(rows: Array(log.sorted[range]), selectedRow: selectedRow, total: log.total)
    }
}
