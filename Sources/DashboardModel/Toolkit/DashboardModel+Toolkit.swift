import Foundation
import MushroomRPC

/// The operator's toolkit: copy, export, mark and diff, send again, the latency view, the
/// rates pane's order, and the server's method list for completion.
extension DashboardModel {
    /// The effects the actions applied since the last call asked for, oldest first; the UI
    /// performs them (clipboard, files, status line).
    public mutating func takeEffects() -> [DashboardEffect] {
        defer { toolkit.effects = [] }
        return toolkit.effects
    }

    /// The message the toolkit's keys act on: the open detail's, else the focused pane's selection.
    func pickedMessage(at time: Date) -> SelectedMessage? {
        if let detail { return detail.message }
        return focus.slot.selectedMessage(self, time)
    }

    /// What the status line says when there is no message to act on.
    private var nothingPicked: String {
        detail != nil ? "this view is not a message" : "no message selected in the \(focus.rawValue) pane"
    }

    private mutating func status(_ text: String, isError: Bool = false) {
        toolkit.effects.append(.status(text, isError: isError))
    }

    // MARK: Detail

    /// Opens the detail of the focused pane's selection, holding its message; on several servers
    /// its title names the message's server.
    mutating func openDetail(at time: Date) {
        var opened = focus.slot.detail(self, time)
        opened?.message = focus.slot.selectedMessage(self, time)
        if watchesSeveralServers, let server = opened?.message?.server { opened?.title += " from \(servers[server].name)" }
        detail = opened
    }

    /// Scrolls the open detail, the latency view within its methods.
    mutating func scrollDetail(by delta: Int) {
        guard var scrolled = detail else { return }
        if scrolled.showsLatency {
            scrolled.scroll(by: delta, rows: latencyRows, lineCount: requests.tracker.allMethodLatencies.count)
        } else {
            scrolled.scroll(by: delta, rows: layout.detailRows)
        }
        detail = scrolled
    }

    /// Rows of the latency view's table (below its heading).
    private var latencyRows: Int { max(0, layout.detailRows - 1) }

    /// The open detail's snapshot, the latency view's with the current latencies.
    func detailSnapshot() -> DetailSnapshot? {
        guard let detail else { return nil }
        if detail.showsLatency { return detail.latencySnapshot(rows: latencyRows, latencies: requests.tracker.allMethodLatencies) }
        return detail.snapshot(rows: layout.detailRows)
    }

    /// Opens the latency view, or closes it when it is open.
    mutating func toggleLatencyView() {
        detail = detail?.showsLatency == true ? nil : .latency
    }

    // MARK: Copy and export

    /// Asks the UI to copy the picked message as JSON, unless it exceeds `ClipboardCopy.maximumBytes`.
    mutating func copy(pretty: Bool, at time: Date) {
        guard let message = pickedMessage(at: time) else { return status("nothing copied: \(nothingPicked)", isError: true) }
        let record = record(of: message)
        let text = pretty ? record.prettyString : record.compactString
        let copy = ClipboardCopy(text: text, label: message.label, isPretty: pretty)
        guard copy.byteCount <= ClipboardCopy.maximumBytes else {
            return status(
                "not copied: \(message.label) is \(copy.byteCount) bytes of JSON, more than the \(ClipboardCopy.maximumBytes) "
                    + "a terminal's clipboard takes; e exports the pane to a file", isError: true)
        }
        toolkit.effects.append(.copy(copy))
    }

    /// Asks the UI to write the focused pane's rows to a new NDJSON file.
    mutating func exportFocusedPane(at time: Date) {
        guard let records = focus.slot.exportRecords(self, time) else {
            return status("nothing exported: the \(focus.rawValue) pane has no rows to export", isError: true)
        }
        guard !records.isEmpty else { return status("nothing exported: the \(focus.rawValue) pane is empty", isError: true) }
        var text = ""
        for message in records {
            text += record(of: message).compactString
            text += "\n"
        }
        let directory = configuration.exportDirectory
        let name = PaneExport.fileName(for: focus, at: time)
        let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
        toolkit.effects.append(.export(PaneExport(pane: focus, path: path, text: text, rowCount: records.count)))
    }

    // MARK: Mark and diff

    mutating func markMessage(at time: Date) {
        guard let message = pickedMessage(at: time) else { return status("nothing marked: \(nothingPicked)", isError: true) }
        toolkit.marked = message
        status("marked \(message.label): d on another message shows what differs")
    }

    /// Opens the diff from the marked message to the picked one in the detail view.
    mutating func diffWithMarked(at time: Date) {
        guard let marked = toolkit.marked else { return status("no message is marked: m marks one to compare with", isError: true) }
        guard let message = pickedMessage(at: time) else { return status("nothing to compare: \(nothingPicked)", isError: true) }
        let diff = JSONDiff(from: record(of: marked), to: record(of: message))
        detail = Detail(title: "diff \(marked.label) -> \(message.label)", text: diff.lines.joined(separator: "\n"))
    }

    // MARK: Send again

    /// Loads the open detail's request or notification into the form; with `sendNow`, sends it
    /// too, through the form (its result shows on the form's line).
    mutating func resend(sendNow: Bool, at time: Date) -> [EngineCommand] {
        guard let message = detail?.message, let resend = message.resend else {
            status("only the detail of a request or notification can be sent again", isError: true)
            return []
        }
        form.fill(kind: resend.kind, method: resend.method, data: resend.data.compactString)
        target(server: message.server)
        detail = nil
        guard sendNow else {
            focus = .form
            return []
        }
        let commands = apply(.submit, at: time)
        if commands.isEmpty {
            focus = .form
            status("not sent: the form says what is wrong", isError: true)
        }
        return commands
    }

    // MARK: Rates and methods

    mutating func cycleRateOrder() {
        toolkit.rateOrder = toolkit.rateOrder.next
    }

    /// The method listings due (once after each connection of each server).
    mutating func methodListingsDue() -> [EngineCommand] {
        servers.indices.compactMap { server in
            guard var command = servers[server].methods.listingDue(id: CommandID(nextCommandNumber)) else { return nil }
            nextCommandNumber += 1
            command.server = server
            return command
        }
    }
}
