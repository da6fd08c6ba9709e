import Foundation
import MushroomRPC

/// The notification stream: a bounded ring, per-method activity, the filter, pause, selection and scroll.
/// Notifications the engine's subscription dropped (the screen fell behind) are skipped: counted
/// by method and in the rates, without rows.
///
/// The view is the retained notifications that pass the filter and, while paused, arrived before
/// the pause. Rows are addressed by sequence number; the window is anchored to the sequence of its
/// bottom row (or follows the newest when `anchor` is `nil`), so it does not move as notifications arrive.
struct NotificationStream: Sendable {
    private(set) var ring: RingBuffer<NotificationEntry>
    /// Sequences of retained notifications that pass `filter`, ascending; maintained only with a filter.
    private var matching: RingBuffer<Int>
    private(set) var filter: NotificationFilter?
    private(set) var filterText: String?
    private(set) var editingFilter: TextField?
    private(set) var filterError: FilterSyntaxError?
    /// What it counts of the notifications received, with a row or skipped.
    private(set) var counters: StreamCounters
    /// The ring's `endSequence` when paused.
    private(set) var pausedEnd: Int?
    /// `received` when paused.
    private var receivedAtPause = 0
    /// The selected notification's sequence.
    private(set) var selected: Int?
    /// The sequence of the window's bottom row; `nil` follows the newest.
    private var anchor: Int?

    init(configuration: DashboardConfiguration) {
        ring = RingBuffer(capacity: configuration.streamCapacity)
        matching = RingBuffer(capacity: configuration.streamCapacity)
        counters = StreamCounters(configuration: configuration)
    }

    // MARK: Ingest

    /// Records a notification from `server` whose frame takes about `bytes` bytes (`Message.estimatedSize`).
    mutating func record(_ notification: Message.Notification, bytes: Int, at time: Date, from server: Int = 0) {
        let instant = Instant(time)
        let entry = NotificationEntry(server: server, time: time, id: notification.id, method: notification.method, data: notification.data)
        if let filter, filter.matches(method: entry.method, data: entry.data) { matching.append(ring.endSequence) }
        ring.append(entry)
        counters.record(method: notification.method, bytes: bytes, at: instant)
    }

    /// Counts the notifications the engine's subscription dropped, by method and in the rates,
    /// without rows (`StreamCounters.recordSkipped`).
    mutating func recordSkipped(_ dropped: EventSubscription.DroppedNotifications) {
        counters.recordSkipped(dropped)
    }

    /// Notifications received, with a row or skipped.
    var received: Int { counters.received }

    // MARK: The view

    /// The rows shown, addressed by position `0..<count` (oldest first).
    struct View: Sendable {
        fileprivate let stream: NotificationStream
        fileprivate let matchingRange: Range<Int>?
        fileprivate let start: Int
        let count: Int

        func sequence(at position: Int) -> Int {
            guard let matchingRange else { return start + position }
            return stream.matching[sequence: matchingRange.lowerBound + position]
        }

        /// The position of the first row whose sequence is at least `sequence`, clamped into range.
        func position(of sequence: Int) -> Int {
            let position: Int
            if let matchingRange {
                position = stream.matching.lowerBound(of: sequence) - matchingRange.lowerBound
            } else {
                position = sequence - start
            }
            return min(max(position, 0), max(0, count - 1))
        }
    }

    var view: View {
        let start = ring.startSequence
        let end = pausedEnd.map { min($0, ring.endSequence) } ?? ring.endSequence
        guard filter != nil else {
            return View(stream: self, matchingRange: nil, start: start, count: max(0, end - start))
        }
        let range = matching.lowerBound(of: start)..<matching.lowerBound(of: end)
        return View(stream: self, matchingRange: range, start: start, count: range.count)
    }

    /// The positions of the window of at most `rows` rows: ending with the anchor, or the newest row when following.
    func window(rows: Int, in view: View) -> Range<Int> {
        guard view.count > 0, rows > 0 else { return 0..<0 }
        let bottom = anchor.map { view.position(of: $0) } ?? view.count - 1
        let first = max(0, bottom - rows + 1)
        return first..<min(view.count, first + rows)
    }

    // MARK: Selection and scrolling

    mutating func moveSelection(by delta: Int, rows: Int) {
        let view = view
        guard view.count > 0, rows > 0 else { return }
        let window = window(rows: rows, in: view)
        guard let selected else {
            select(position: window.upperBound - 1, rows: rows, in: view)
            return
        }
        let position = min(max(view.position(of: selected) + delta, 0), view.count - 1)
        select(position: position, rows: rows, in: view)
    }

    mutating func selectVisibleRow(_ row: Int, rows: Int) {
        let view = view
        let window = window(rows: rows, in: view)
        guard rows > 0, (0..<window.count).contains(row) else { return }
        select(position: window.lowerBound + row, rows: rows, in: view)
    }

    mutating func selectFirst(rows: Int) {
        let view = view
        guard view.count > 0, rows > 0 else { return }
        select(position: 0, rows: rows, in: view)
    }

    /// Clears the selection and follows the newest notification again.
    mutating func selectLast() {
        selected = nil
        anchor = nil
    }

    mutating func scroll(by delta: Int, rows: Int) {
        let view = view
        guard view.count > 0, rows > 0 else { return }
        let window = window(rows: rows, in: view)
        let bottom = min(max(window.upperBound - 1 + delta, min(rows, view.count) - 1), view.count - 1)
        anchor = bottom == view.count - 1 && selected == nil ? nil : view.sequence(at: bottom)
    }

    private mutating func select(position: Int, rows: Int, in view: View) {
        let window = window(rows: rows, in: view)
        var bottom = window.upperBound - 1
        if position > bottom { bottom = position }
        if position < window.lowerBound { bottom = min(position + rows - 1, view.count - 1) }
        selected = view.sequence(at: position)
        anchor = view.sequence(at: bottom)
    }

    /// The selected notification if it is still retained, else the newest row of the window.
    func focusedEntry(rows: Int) -> NotificationEntry? {
        let view = view
        guard view.count > 0 else { return nil }
        let position = selected.map { view.position(of: $0) } ?? window(rows: rows, in: view).last ?? view.count - 1
        return ring[sequence: view.sequence(at: position)]
    }

    // MARK: Pause and clear

    mutating func togglePause() {
        pausedEnd = pausedEnd == nil ? ring.endSequence : nil
        receivedAtPause = received
    }

    var arrivedSincePause: Int { pausedEnd == nil ? 0 : received - receivedAtPause }

    mutating func clear() {
        ring.removeAll()
        matching.removeAll()
        selectLast()
    }

    // MARK: Filter

    /// The text field being edited: the filter's while editing.
    var isEditingFilter: Bool { editingFilter != nil }

    mutating func beginFilterEdit() {
        editingFilter = TextField(filterText ?? "")
        filterError = nil
    }

    mutating func editFilter(_ body: (inout TextField) -> Void) {
        guard var field = editingFilter else { return }
        body(&field)
        editingFilter = field
        do {
            _ = try NotificationFilter(parsing: field.text)
            filterError = nil
        } catch {
            filterError = error
        }
    }

    /// Applies the edited filter when valid; the view then follows the newest matching notification.
    mutating func applyFilter() {
        guard let field = editingFilter else { return }
        let text = field.text
        do {
            let parsed = try NotificationFilter(parsing: text)
            filterError = nil
            editingFilter = nil
            if text.allSatisfy(\.isWhitespace) {
                removeFilter()
            } else {
                install(parsed, text: text)
            }
        } catch {
            filterError = error
        }
    }

    /// Applies `text` as the filter, as if typed in the filter's editor and applied.
    mutating func applyFilter(text: String) {
        editingFilter = TextField(text)
        applyFilter()
    }

    mutating func cancelFilterEdit() {
        editingFilter = nil
        filterError = nil
    }

    mutating func clearFilter() {
        cancelFilterEdit()
        removeFilter()
    }

    private mutating func install(_ filter: NotificationFilter, text: String) {
        self.filter = filter
        filterText = text
        rebuildMatching()
    }

    private mutating func removeFilter() {
        filter = nil
        filterText = nil
        rebuildMatching()
    }

    /// Finds the retained notifications that pass the filter again, and follows the newest.
    private mutating func rebuildMatching() {
        matching = RingBuffer(capacity: ring.capacity)
        if let filter {
            for sequence in ring.startSequence..<ring.endSequence {
                let entry = ring[sequence: sequence]
                if filter.matches(method: entry.method, data: entry.data) { matching.append(sequence) }
            }
        }
        selectLast()
    }
}
