import Foundation
import MushroomTestSupport
import Testing

@testable import MushroomServer

/// Replays the HTTP fuzzer's corpus and a bounded, seeded mutation run through the server's
/// I/O-free request checks, asserting `HTTPRequestProperty` for every input.
@Suite struct HTTPFuzzCorpusTests {
    static func corpus() throws -> [(name: String, bytes: [UInt8])] {
        try FuzzCorpus.load("HTTPCorpus")
    }

    @Test func corpusIsCommittedAndSmall() throws {
        let corpus = try Self.corpus()
        #expect(corpus.count >= 50)
        #expect(corpus.allSatisfy { $0.bytes.count <= 4096 })
    }

    @Test func everyCorpusInputKeepsTheProperty() throws {
        for (name, bytes) in try Self.corpus() {
            #expect(HTTPRequestProperty.violation(for: bytes) == nil, "corpus file \(name)")
        }
    }

    @Test func seededMutationsKeepTheProperty() async throws {
        var mutator = FrameMutator(seed: 0x6874_7470, seeds: try Self.corpus().map(\.bytes))
        var verdicts: [String: Int] = [:]
        for iteration in 0..<20_000 {
            let input = mutator.next()
            if let violation = HTTPRequestProperty.violation(for: input) {
                Issue.record("iteration \(iteration), input \(input): \(violation)")
                return
            }
            var scan = HeadScan()
            let verdict = scan.consume(input, maximumRequestLineBytes: 256, maximumHeadBytes: 1_024)
            verdicts[String(describing: verdict).prefix(20).description, default: 0] += 1
            if iteration % 500 == 0 { await Task.yield() }
        }
        // The run must reach complete heads and refusals, not only incomplete ones.
        #expect(verdicts.keys.contains { $0.hasPrefix("complete") })
        #expect(verdicts.keys.contains { $0.hasPrefix("refused") })
    }

    @Test func thePropertyCatchesAScannerThatDisagreesWithItself() {
        #expect(HTTPRequestProperty.violation(for: Array("GET / HTTP/1.1\r\nHost: example.org\r\n\r\n".utf8)) == nil)
        #expect(HostHeader.isAuthority("example.org:9000"))
        #expect(!HostHeader.isAuthority("a/b"))
    }
}
