import Foundation
import MushroomTestSupport
import Testing

@testable import MushroomRPC

/// Replays the libFuzzer corpus and a bounded, seeded mutation run through both wire parsers,
/// asserting `ParserProperty` (typed error or exact round trip) for every input.
@Suite struct FuzzCorpusTests {
    static func corpus() throws -> [(name: String, bytes: [UInt8])] {
        try FuzzCorpus.load("Corpus")
    }

    @Test func corpusIsCommittedAndSmall() throws {
        let corpus = try Self.corpus()
        #expect(corpus.count >= 50)
        #expect(corpus.allSatisfy { $0.bytes.count <= 4096 })
    }

    @Test func everyCorpusInputParsesOrThrowsATypedError() throws {
        for (name, bytes) in try Self.corpus() {
            let violation = ParserProperty.violation(for: bytes)
            #expect(violation == nil, "corpus file \(name)")
        }
    }

    @Test func seededMutationsParseOrThrowATypedError() async throws {
        let seeds = try Self.corpus().map(\.bytes) + MessageCodingTests.table.map { Array($0.0.utf8) }
        var mutator = FrameMutator(seed: 0x6D75_7368_726F_6F6D, seeds: seeds)
        var parsed = 0
        for iteration in 0..<30_000 {
            let input = mutator.next()
            if let violation = ParserProperty.violation(for: input) {
                Issue.record("iteration \(iteration), input \(Array(input)): \(violation)")
                return
            }
            if (try? Message(frame: input)) != nil { parsed += 1 }
            // Long CPU work must not hold one of the two cooperative threads the other tests share.
            if iteration % 500 == 0 { await Task.yield() }
        }
        // The run must exercise the round trip, not only the error paths.
        #expect(parsed > 1_000)
    }

    @Test func thePropertyCatchesALossyRoundTrip() {
        // A message whose data has no JSON form (NaN is written as null) must be reported.
        let lossy = Message.response(.init(id: 1, requestID: 0, data: .double(.nan)))
        #expect(ParserProperty.roundTripProblem(lossy) != nil)
        #expect(ParserProperty.roundTripProblem(.response(.init(id: 1, requestID: 0, data: 2.5))) == nil)
    }

    @Test func thePropertyHoldsForTypedErrorsWithTheExactError() {
        #expect(ParserProperty.violation(for: Array(#"[2,"#.utf8)) == nil)
        #expect(throws: MessageParseError.notJSON(JSONSyntaxError(offset: 3, reason: "unexpected end of input"))) {
            try Message(frame: Array(#"[2,"#.utf8))
        }
    }
}
