import Foundation
import Logging
import MushroomRPC

/// A swift-log handler that writes each entry as one JSON object on a line of its own:
/// `timestamp` (ISO 8601 in UTC, with milliseconds), `level`, `label`, `message` and `source`,
/// then every metadata item as a field of its own (a metadata key that is one of those five is
/// written as `metadata.KEY`). Keys are sorted; a line is written with one `write(2)`.
///
/// ```json
/// {"label":"mushroom.server","level":"info","message":"session opened (ws)","mushroom.session":"Jq...","source":"MushroomServer","timestamp":"2026-12-01T18:00:00.123Z"}
/// ```
public struct JSONLogHandler: LogHandler {
    /// The fields every line has.
    static let fixedFields: Set<String> = ["timestamp", "level", "label", "message", "source"]

    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let write: @Sendable (String) -> Void
    private let now: @Sendable () -> Date

    /// A handler for `label` writing to standard error.
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.init(label: label, metadataProvider: metadataProvider, now: { Date() }) { line in
            StandardStream.error.write(line)
        }
    }

    /// A handler for `label` handing each line, newline included, to `write`, stamped by `now`.
    public init(
        label: String, metadataProvider: Logger.MetadataProvider? = nil, now: @escaping @Sendable () -> Date,
        write: @escaping @Sendable (String) -> Void
    ) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.now = now
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var items = metadata
        if let provided = metadataProvider?.get() { items.merge(provided) { _, provided in provided } }
        if let explicit = event.metadata { items.merge(explicit) { _, explicit in explicit } }
        if let error = event.error {
            items["error.message"] = "\(error)"
            items["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        var fields: [String: JSONValue] = [
            "timestamp": .string(now().formatted(Self.timestampStyle)),
            "level": .string(event.level.rawValue),
            "label": .string(label),
            "message": .string(event.message.description),
            "source": .string(event.source),
        ]
        for (key, value) in items {
            fields[Self.fixedFields.contains(key) ? "metadata.\(key)" : key] = Self.json(value)
        }
        write(JSONValue.object(fields).compactString + "\n")
    }

    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    private static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let values): .array(values.map(json))
        case .dictionary(let items): .object(items.mapValues(json))
        }
    }
}
