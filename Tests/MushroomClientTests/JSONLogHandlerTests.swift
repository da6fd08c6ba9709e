import Foundation
import Logging
import MushroomCommandLine
import Synchronization
import Testing

/// `JSONLogHandler`'s lines, to the byte: one object a line, sorted keys, metadata as fields.
@Suite struct JSONLogHandlerTests {
    /// 2025-05-09 21:20:00.125 UTC.
    static let instant = Date(timeIntervalSince1970: 1_746_825_600.125)

    /// A logger whose lines land in the returned box.
    static func logger(metadata: Logger.Metadata = [:]) -> (Logger, LogLines) {
        let lines = LogLines()
        var logger = Logger(label: "mushroom.server") { label in
            JSONLogHandler(label: label, now: { instant }) { line in lines.append(line) }
        }
        logger.logLevel = .debug
        for (key, value) in metadata { logger[metadataKey: key] = value }
        return (logger, lines)
    }

    @Test func aLineHasTheFixedFieldsAndTheMetadata() {
        let (logger, lines) = Self.logger(metadata: ["mushroom.session": "abc"])
        logger.info("session opened (ws)", metadata: ["count": .stringConvertible(3)])
        #expect(lines.all == [
            #"{"count":"3","label":"mushroom.server","level":"info","message":"session opened (ws)","mushroom.session":"abc","source":"MushroomClientTests","timestamp":"2025-05-09T21:20:00.125Z"}"# + "\n",
        ])
    }

    @Test func nestedMetadataStaysNestedAndCollisionsAreRenamed() {
        let (logger, lines) = Self.logger()
        logger.warning("a \"quoted\"\nline", metadata: [
            "message": "mine", "peers": ["a", "b"], "limits": ["bytes": "10"],
        ])
        #expect(lines.all == [
            #"{"label":"mushroom.server","level":"warning","limits":{"bytes":"10"},"message":"a \"quoted\"\nline","metadata.message":"mine","peers":["a","b"],"source":"MushroomClientTests","timestamp":"2025-05-09T21:20:00.125Z"}"# + "\n",
        ])
    }

    @Test func theLevelIsTheLoggers() {
        var (logger, lines) = Self.logger()
        logger.logLevel = .notice
        logger.info("left out")
        logger.error("kept")
        #expect(lines.all.count == 1)
        #expect(lines.all.first?.contains(#""level":"error""#) == true)
    }
}

/// Lines collected from any thread.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
