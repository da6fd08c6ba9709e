import MushroomRPC
import Testing

@Suite struct StreamPositionTests {
    @Test func aPositionedNotificationCarriesItAsTheFifthElement() throws {
        let position = StreamPosition(epoch: "e1", offset: 42)
        let notification = Message.notification(.init(id: 3, method: "news", data: ["n": 1], position: position))
        #expect(notification.description == #"[1,3,"news",{"n":1},{"epoch":"e1","offset":42}]"#)
        #expect(try Message(frame: notification.frame) == notification)
    }

    @Test func aBroadcastEncodedAheadWritesThePositionToo() throws {
        let position = StreamPosition(epoch: "e1", offset: 7)
        var broadcast = try Message.Notification(broadcasting: "news", data: [1, 2], position: position)
        broadcast.id = 9
        #expect(Message.notification(broadcast).description == #"[1,9,"news",[1,2],{"epoch":"e1","offset":7}]"#)
        #expect(Message.notification(broadcast).estimatedSize >= Message.notification(broadcast).frame.count)
    }

    @Test func aNotificationWithoutPositionKeepsTheFourElementForm() throws {
        let broadcast = try Message.Notification(broadcasting: "news", data: 1)
        #expect(Message.notification(broadcast).description == #"[1,0,"news",1]"#)
        #expect(Message.notification(.init(id: 0, method: "news", data: 1)).array.count == 4)
    }

    @Test(arguments: [
        #"{"epoch": "e"}"#, #"{"epoch": 1, "offset": 1}"#, #"{"epoch": "e", "offset": 1.5}"#,
        #"{"epoch": "e", "offset": 1, "more": 2}"#, #"[1]"#,
    ])
    func onlyAnEpochAndANonNegativeOffsetAreAPosition(text: String) throws {
        #expect(StreamPosition(json: try JSONValue(parsing: text)) == nil)
    }
}
