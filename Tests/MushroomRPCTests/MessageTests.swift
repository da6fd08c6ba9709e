import Testing

@testable import MushroomRPC

@Suite struct MessageCodingTests {
    /// PROTOCOL.md's message table, one row each: the wire text and the message it means.
    static let table: [(String, Message)] = [
        (#"[0,117]"#, .heartbeat(.init(lastMessageID: 117))),
        (#"[0,null]"#, .heartbeat(.init(lastMessageID: nil))),
        (#"[1,5,"player.ready",true]"#, .notification(.init(id: 5, method: "player.ready", data: true))),
        (#"[2,6,"get_time",null]"#, .request(.init(id: 6, method: "get_time"))),
        (#"[3,118,6,1342106240]"#, .response(.init(id: 118, requestID: 6, data: 1342106240))),
        (#"[4,119,6,"rpc_nope"]"#, .error(.init(id: 119, requestID: 6, data: "rpc_nope"))),
        (#"[-1]"#, .disconnect),
    ]

    @Test(arguments: table)
    func decodesAndEncodesEveryMessageType(frame: String, message: Message) throws {
        #expect(try Message(frame: Array(frame.utf8)) == message)
        #expect(String(decoding: message.frame, as: UTF8.self) == frame)
        #expect(try Message(array: message.array) == message)
    }

    @Test func codesMatchTheProtocol() {
        #expect(Message.Heartbeat.code.rawValue == 0)
        #expect(Message.Notification.code.rawValue == 1)
        #expect(Message.Request.code.rawValue == 2)
        #expect(Message.Response.code.rawValue == 3)
        #expect(Message.ErrorResponse.code.rawValue == 4)
        #expect(Message.Code.disconnect.rawValue == -1)
        #expect(Self.table.map(\.1.code.rawValue) == [0, 0, 1, 2, 3, 4, -1])
    }

    @Test func dataMayBeOmittedOnInput() throws {
        #expect(try Message(frame: Array(#"[2, 6, "get_time"]"#.utf8)) == .request(.init(id: 6, method: "get_time", data: nil)))
        #expect(try Message(frame: Array(#"[1, 0, "tick"]"#.utf8)) == .notification(.init(id: 0, method: "tick")))
        #expect(try Message(frame: Array(#"[3, 1, 0]"#.utf8)) == .response(.init(id: 1, requestID: 0)))
        #expect(try Message(frame: Array(#"[4, 1, 0]"#.utf8)) == .error(.init(id: 1, requestID: 0)))
        #expect(Message.request(.init(id: 6, method: "get_time")).description == #"[2,6,"get_time",null]"#)
    }

    @Test func forRequestAnswersTheRequest() {
        let request = Message.Request(id: 6, method: "get_time")
        #expect(Message.Response.forRequest(request, id: 118, data: 5) == .init(id: 118, requestID: 6, data: 5))
        #expect(Message.ErrorResponse.forRequest(request, id: 119, data: "x") == .init(id: 119, requestID: 6, data: "x"))
    }

    @Test func accessorsExposeIdMethodAndData() {
        let request = Message.request(.init(id: 6, method: "m", data: 1))
        #expect(request.id == 6 && request.method == "m" && request.data == 1)
        #expect(Message.heartbeat(.init(lastMessageID: 3)).id == nil)
        #expect(Message.disconnect.data == nil)
    }

    @Test func batchesEncodeAndDecode() throws {
        let messages: [Message] = [.notification(.init(id: 5, method: "player.ready", data: true)), .heartbeat(.init(lastMessageID: 6))]
        let body = Message.encodeBatch(messages)
        #expect(String(decoding: body, as: UTF8.self) == #"[[1,5,"player.ready",true],[0,6]]"#)
        let decoded = try Message.decodeBatch(frame: body).map { try $0.get() }
        #expect(decoded == messages)
    }

    @Test(arguments: [JSONValue.null, true, "tab\tand \"quotes\"", ["sent": 12_345, "tags": ["a", "é"]], [1.5, -2]])
    func aBroadcastNotificationEncodesLikeAnyOther(data: JSONValue) throws {
        var broadcast = try Message.Notification(broadcasting: "ticker/tick", data: data)
        broadcast.id = 41
        let plain = Message.Notification(id: 41, method: "ticker/tick", data: data)
        #expect(Message.notification(broadcast).frame == Message.notification(plain).frame)
        #expect(broadcast == plain && broadcast.hashValue == plain.hashValue)
        #expect(Message.encodeBatch([.notification(broadcast), .disconnect]) == Message.encodeBatch([.notification(plain), .disconnect]))
    }

    @Test func changingABroadcastsMethodOrDataEncodesItAnew() throws {
        var notification = try Message.Notification(broadcasting: "a", data: 1)
        notification.data = 2
        #expect(Message.notification(notification).description == #"[1,0,"a",2]"#)
        notification.method = "b"
        #expect(Message.notification(notification).description == #"[1,0,"b",2]"#)
    }

    @Test func aBadMessageInABatchDoesNotLoseTheOthers() throws {
        let results = try Message.decodeBatch(frame: Array(#"[[1,5,"a"],[9],[0,5]]"#.utf8))
        #expect(results.count == 3)
        #expect(try results[0].get() == .notification(.init(id: 5, method: "a")))
        #expect(throws: MessageParseError.unknownCode(9)) { try results[1].get() }
        #expect(try results[2].get() == .heartbeat(.init(lastMessageID: 5)))
    }

    @Test func eachMessageOfABatchComesWithTheBytesOfItsText() throws {
        let body = Array(#" [ [1,5,"a", {"x" : 1}] ,[9],\#n[0,5] ] "#.utf8)
        let elements = try Message.decodeBatchElements(frame: body)
        #expect(elements.map { String(decoding: body[$0.bytes], as: UTF8.self) } == [#"[1,5,"a", {"x" : 1}]"#, "[9]", "[0,5]"])
        #expect(try elements[0].message.get() == .notification(.init(id: 5, method: "a", data: ["x": 1])))
        #expect(throws: MessageParseError.unknownCode(9)) { try elements[1].message.get() }
        #expect(try Message.decodeBatchElements(frame: Array("[]".utf8)).isEmpty)
        #expect(throws: MessageParseError.notJSON(JSONSyntaxError(offset: 8, reason: "unexpected data after the JSON value"))) {
            try Message.decodeBatchElements(frame: Array("[[0,1]] x".utf8))
        }
    }

    @Test func aBatchMustBeAnArray() {
        #expect(throws: MessageParseError.notAnArray(found: "object")) { try Message.decodeBatch(frame: Array("{}".utf8)) }
        #expect(throws: MessageParseError.notAnArray(found: "string")) { try Message.decodeBatchElements(frame: Array(#" "x" "#.utf8)) }
    }
}

@Suite struct MalformedMessageTests {
    @Test(arguments: [
        ("hello", "not JSON: unexpected character 'h' at byte 0"),
        ("{\"a\": 1}", "not a message: expected a JSON array, got an object"),
        ("\"x\"", "not a message: expected a JSON array, got a string"),
        ("[]", "empty message: the array has no message code"),
        ("[7, 1]", "unknown message code 7"),
        ("[1.5, 1]", "unknown message code 1.5"),
        ("[\"1\", 1]", "wrong field type: code must be an integer, got string"),
        ("[0]", "wrong arity: a Heartbeat (code 0) has 2 elements, got 1"),
        ("[0, 1, 2]", "wrong arity: a Heartbeat (code 0) has 2 elements, got 3"),
        ("[1, 5]", "wrong arity: a Notification (code 1) has 3 to 5 elements, got 2"),
        ("[1, 5, \"m\", 1, 2, 3]", "wrong arity: a Notification (code 1) has 3 to 5 elements, got 6"),
        ("[1, 5, \"m\", 1, 2]", #"wrong field type: position must be {"epoch": STRING, "offset": INTEGER}, got integer"#),
        ("[1, 5, \"m\", 1, {\"epoch\": \"e\", \"offset\": -1}]", #"wrong field type: position must be {"epoch": STRING, "offset": INTEGER}, got object"#),
        ("[2, 5, \"m\", 1, 2]", "wrong arity: a Request (code 2) has 3 or 4 elements, got 5"),
        ("[3, 1]", "wrong arity: a Response (code 3) has 3 or 4 elements, got 2"),
        ("[4, 1, 2, 3, 4]", "wrong arity: an Error (code 4) has 3 or 4 elements, got 5"),
        ("[-1, 0]", "wrong arity: a Disconnect (code -1) has 1 elements, got 2"),
        ("[2, 5, 7]", "wrong field type: method must be a string, got integer"),
        ("[2, \"5\", \"m\"]", "wrong field type: message_id must be an integer, got string"),
        ("[3, 1, null]", "wrong field type: request_message_id must be an integer, got null"),
        ("[0, \"x\"]", "wrong field type: last_message_id must be an integer, got string"),
        ("[2, -1, \"m\"]", "invalid message id: message_id must be a non-negative integer, got -1"),
        ("[1, 2.5, \"m\"]", "invalid message id: message_id must be a non-negative integer, got 2.5"),
        ("[4, 1, -3]", "invalid message id: request_message_id must be a non-negative integer, got -3"),
        ("[0, -2]", "invalid message id: last_message_id must be a non-negative integer, got -2"),
    ])
    func eachMalformedInputHasItsOwnError(frame: String, expected: String) {
        let error = #expect(throws: MessageParseError.self) { try Message(frame: Array(frame.utf8)) }
        #expect(error?.description == expected)
    }

    @Test func errorsAreTypedCases() {
        #expect(throws: MessageParseError.emptyArray) { try Message(array: []) }
        #expect(throws: MessageParseError.wrongArity(code: .request, expected: "3 or 4", found: 2)) {
            try Message(array: [2, 1])
        }
        #expect(throws: MessageParseError.invalidMessageID(field: "message_id", value: -1)) {
            try Message(array: [1, -1, "m"])
        }
        #expect(throws: MessageParseError.notJSON(JSONSyntaxError(offset: 0, reason: "empty input"))) {
            try Message(frame: [UInt8]())
        }
    }
}
