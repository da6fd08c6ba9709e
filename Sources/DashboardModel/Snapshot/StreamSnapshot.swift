import Foundation
import MushroomRPC

/// The visible part of the notification stream with its counters, rates and filter.
public struct StreamSnapshot: Sendable, Hashable {
    /// The visible rows, oldest first (newest at the bottom), at most the stream pane's rows (`DashboardLayout.rows(for:)`).
    public let rows: [NotificationRow]
    /// Index into `rows` of the selected row, when it is visible.
    public let selectedRow: Int?
    /// Rows of the view (filtered, frozen when paused) below the visible window.
    public let hiddenBelow: Int
    /// Notifications currently kept in the ring buffer.
    public let retained: Int
    /// The ring buffer's capacity.
    public let capacity: Int
    /// Notifications overwritten because the ring was full.
    public let dropped: Int
    /// Notifications that never got a row because the screen fell behind (the engine's
    /// subscription dropped them); they are counted in `totalReceived`, the rates and `methods`.
    public let skipped: Int
    /// Notifications received since the model started, skipped ones included.
    public let totalReceived: Int
    /// All notifications in the last second (the ten 100 ms buckets ending with the current one).
    public let ratePerSecond1s: Double
    /// All notifications per second over the last ten seconds (one hundred 100 ms buckets).
    public let ratePerSecond10s: Double
    /// Notifications per one-second bucket, oldest first, the last being the current (partial) second.
    public let rateHistory: [Int]
    /// Per-method activity in `methodOrder` (busiest by 10 s rate first by default), at most `DashboardLayout.methodRows`.
    public let methods: [MethodActivity]
    /// Methods tracked in all (the length of the full table).
    public let methodCount: Int
    /// How `methods` is sorted (`o` cycles).
    public let methodOrder: RateOrder
    /// Whether the view is frozen.
    public let isPaused: Bool
    /// Notifications that arrived since the pause (all of them, filtered or not).
    public let arrivedSincePause: Int
    /// The filter state.
    public let filter: FilterSnapshot
}

/// One notification as listed.
public struct NotificationRow: Sendable, Hashable {
    /// When it arrived.
    public let time: Date
    /// Its message id.
    public let id: MessageID
    /// The notification's method.
    public let method: String
    /// Its payload.
    public let data: JSONValue
    /// The payload as compact JSON, for a one-line view.
    public let summary: String
    /// The index of the server it came from (`DashboardConfiguration.servers`).
    public var server = 0
}

/// One method's notification activity.
public struct MethodActivity: Sendable, Hashable {
    /// The method name (or `DashboardConfiguration.otherMethod`).
    public let method: String
    /// Notifications received since the model started.
    public let count: Int
    /// In the last second.
    public let ratePerSecond1s: Double
    /// Per second over the last ten seconds.
    public let ratePerSecond10s: Double
    /// Per one-second bucket, oldest first (like `StreamSnapshot.rateHistory`).
    public let rateHistory: [Int]
    /// Bytes received (the notifications' estimated frame sizes, rows skipped by a screen that
    /// fell behind not included).
    public let bytes: Int
    /// Bytes per second over the last ten seconds.
    public let bytesPerSecond10s: Double
}

/// The stream filter: the applied one and the one being edited.
public struct FilterSnapshot: Sendable, Hashable {
    /// The applied filter's text; `nil` when none is applied.
    public let applied: String?
    /// The text being edited, with its cursor; `nil` when not editing.
    public let editing: TextFieldSnapshot?
    /// Why the edited text is not a valid filter (with its position); `nil` when valid or not editing.
    public let error: FilterSyntaxError?
}

/// A single-line text field as shown.
public struct TextFieldSnapshot: Sendable, Hashable {
    /// The text typed so far.
    public let text: String
    /// Cursor position in characters, `0...text.count`.
    public let cursor: Int
}
