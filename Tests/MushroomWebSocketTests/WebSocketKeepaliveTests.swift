@testable import MushroomWebSocket
import NIOCore
import NIOWebSocket
import Testing

/// The keepalive in the shared pipeline, on an embedded channel whose clock the test moves.
struct WebSocketKeepaliveTests {
    @Test(arguments: [WebSocketRole.client, .server])
    func aPingGoesOutEachIntervalAndAnUnansweredOneClosesTheSocketAtTheNextTick(role: WebSocketRole) throws {
        let socket = try Socket(role: role, keepalive: .seconds(10))
        socket.channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        let ping = try #require(try socket.written().first)
        #expect(ping.opcode == .ping && (ping.maskKey != nil) == (role == .client))
        try socket.receive(.pong, "")
        socket.channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(try socket.written().map(\.opcode) == [.ping])
        #expect(socket.channel.isActive)
        socket.channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(!socket.channel.isActive)
        #expect(socket.link.closures == ["failed(no answer to a WebSocket ping within 10000 ms)"])
    }

    @Test func noPingFollowsACloseFrame() throws {
        // Pings every second; the close frame waits 5 s for the peer's answer.
        let socket = try Socket(role: .client, keepalive: .seconds(1))
        socket.link.socket?.close(.normalClosure, reason: "done")
        socket.channel.embeddedEventLoop.run()
        #expect(try socket.written().map(\.opcode) == [.connectionClose])
        socket.channel.embeddedEventLoop.advanceTime(by: .seconds(3))
        #expect(socket.channel.isActive)
        #expect(try socket.written().isEmpty)
    }
}
