/// Everything an operator can do; the UI maps keys to these and hands them to `DashboardModel.apply`.
///
/// Selection, scrolling, clearing and detail act on the focused pane. Text editing acts on the
/// filter while it is being edited, otherwise on the form's focused field when the form has focus.
public enum OperatorAction: Sendable, Hashable {
    /// Focus the next pane (in `Pane.allCases` order, wrapping).
    case focusNext
    /// Focus the previous pane.
    case focusPrevious
    /// Focus a given pane.
    case focus(Pane)
    /// Maximise the focused pane, or restore the normal layout if one is maximised.
    case toggleMaximize
    /// Tell the model how many rows each list shows.
    case layout(DashboardLayout)

    /// Move the selection by this many rows (positive is down: newer notifications, older requests).
    /// With nothing selected, the stream selects its newest visible row and the other lists their
    /// first row (last when moving up). In the form it moves between fields.
    case moveSelection(Int)
    /// Select the focused pane's row shown at this index of its window (a click); nothing when
    /// no row is shown there.
    case selectVisibleRow(Int)
    /// Select the first row (the oldest notification still retained).
    case selectFirst
    /// Select the last row; in the stream this clears the selection and follows new notifications.
    case selectLast
    /// Scroll without moving the selection (the detail view when it is open).
    case scroll(Int)

    /// Start editing the stream filter, beginning with the applied one.
    case beginFilterEdit
    /// Apply the filter being edited if it is valid (it stays in edit with its error otherwise);
    /// the stream then follows the newest matching notification, with nothing selected.
    case applyFilter
    /// Stop editing the filter, keeping the applied one.
    case cancelFilterEdit
    /// Remove the applied filter (and stop editing).
    case clearFilter
    /// Apply this filter text at once (a named filter); text that does not parse stays in edit
    /// with its error.
    case applyFilterText(String)

    /// Freeze or unfreeze the stream view (ingest continues either way).
    case togglePause
    /// Empty the focused pane's list: the stream's notifications, the finished requests, the
    /// error groups, or the form's fields. Counters, rates and latencies are kept.
    case clear

    /// Open the detail of the focused pane's selected row (the newest stream row when none is selected).
    case openDetail
    /// Close the detail view.
    case closeDetail

    /// Switch the form between request and notification.
    case toggleFormKind
    /// Focus the next form field (wrapping).
    case nextFormField
    /// Focus the previous form field (wrapping).
    case previousFormField
    /// Focus a given form field.
    case focusFormField(FormField)
    /// Insert text at the cursor of the active text field.
    case insert(String)
    /// Delete the character before the cursor.
    case deleteBackward
    /// Delete the character at the cursor.
    case deleteForward
    /// Move the cursor by this many characters.
    case moveCursor(Int)
    /// Move the cursor to the start of the field.
    case cursorToStart
    /// Move the cursor to the end of the field.
    case cursorToEnd
    /// Complete the form's method from methods seen (the only candidate, or the candidates' common prefix).
    case completeMethod
    /// Send the form if it is valid: yields one `EngineCommand` and records the form in history.
    case submit
    /// Recall the previous (older) sent form, like a shell's up arrow.
    case historyPrevious
    /// Recall the next (newer) sent form, back to the draft after the newest.
    case historyNext

    /// Sort the sessions pane by the next order (rate, unacknowledged count, age).
    case cycleSessionOrder
    /// Ask to end the selected session: the sessions pane waits for `confirmSessionEnd`.
    case requestSessionEnd
    /// End the session waiting for confirmation: yields one `EngineCommand`.
    case confirmSessionEnd
    /// Keep the session waiting for confirmation.
    case cancelSessionEnd

    /// Copy the open detail's message, else the focused pane's selected row, as JSON (pretty or
    /// compact): yields a `DashboardEffect.copy`, or a status sentence when there is none or it is
    /// bigger than `ClipboardCopy.maximumBytes`.
    case copy(pretty: Bool)
    /// Write the focused pane's rows (the filtered stream, the requests or the error groups) as
    /// NDJSON to a new file in `DashboardConfiguration.exportDirectory`: yields a `DashboardEffect.export`.
    case export
    /// Mark the open detail's message, else the selected row, for `diffWithMarked`.
    case mark
    /// Show in the detail view what differs from the marked message to the picked one.
    case diffWithMarked
    /// Load the open detail's request or notification into the form and focus it.
    case editAgain
    /// Send the open detail's request or notification again at once, through the form.
    case sendAgain
    /// Open or close the latency view: per method count, p50, p90, p99, max, timeouts and late responses.
    case toggleLatencyView
    /// Sort the rates pane's methods by the next order (rate, count, bytes per second).
    case cycleRateOrder
    /// On a dashboard on several servers, show the next server's rows alone (all merged, then
    /// each server in order, then all merged again); the form sends to the server shown.
    case cycleServer
    /// Show this server's rows alone (an index of `DashboardConfiguration.servers`), or every
    /// server's merged (`nil`).
    case showServer(Int?)
}
