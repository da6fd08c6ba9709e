import Logging
import Synchronization

/// Keeps, in order, the messages logged through its `logger`: for tests of what was logged.
public final class LogCollector: Sendable {
    private let collected = Mutex<[String]>([])

    public init() {}

    /// The messages logged so far, every level.
    public var lines: [String] { collected.withLock { $0 } }

    /// A logger at level trace whose messages this collector keeps.
    public func logger(label: String = "test") -> Logger {
        Logger(label: label) { _ in CollectingLogHandler(collector: self) }
    }

    fileprivate func append(_ line: String) { collected.withLock { $0.append(line) } }
}

private struct CollectingLogHandler: LogHandler {
    let collector: LogCollector
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        collector.append(event.message.description)
    }
}
