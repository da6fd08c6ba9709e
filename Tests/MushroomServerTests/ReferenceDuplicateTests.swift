import MushroomRPC
import MushroomTestSupport
import Testing

/// The duplicate scenario of `DuplicateAcknowledgementTests` against the reference Python server:
/// it acknowledges a duplicate again too, on both transports, with the same messages as ours.
@Suite(.interop, .timeLimit(.minutes(2)))
struct ReferenceDuplicateTests {
    @Test func theReferenceAcknowledgesADuplicateAgainLikeOurServer() async throws {
        let peer = try await ReferencePeer.start(tickMilliseconds: 0)
        defer { peer.stop() }
        let url = try await TestHTTP.bootstrap(peer.url, transports: ["ws"])
        #expect(try await DuplicateAcknowledgementTests.duplicateOverWebSocket(sessionURL: url)
            == DuplicateAcknowledgementTests.expectedOverWebSocket)
    }

    @Test func theReferenceAcknowledgesADuplicateInThePollAnswerLikeOurServer() async throws {
        let peer = try await ReferencePeer.start(tickMilliseconds: 0)
        defer { peer.stop() }
        let url = try await TestHTTP.bootstrap(peer.url, transports: ["poll"])
        #expect(try await DuplicateAcknowledgementTests.duplicateOverLongPoll(sessionURL: url)
            == DuplicateAcknowledgementTests.expectedOverLongPoll)
    }
}
